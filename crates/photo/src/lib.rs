//! Photo checks shared by the desktop (before upload) and the server (final judge).
