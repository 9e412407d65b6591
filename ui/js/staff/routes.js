// Routes of the reviewer workstation, merged into the app's router.
import { renderStaffSignIn } from './signin.js';
import { renderStaffQueue } from './queue.js';
import { renderStaffItem } from './item.js';
import { renderStaffAdmin } from './admin.js';

export const staffRoutes = {
  '/staff/signin': renderStaffSignIn,
  '/staff/queue': renderStaffQueue,
  '/staff/item': renderStaffItem,
  '/staff/admin': renderStaffAdmin,
};
