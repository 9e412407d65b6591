//! A file declaring 60000×60000 pixels must be rejected from its header, without the
//! 10 GB buffer its pixels would need. A counting allocator measures the peak.
//! This file holds a single test, so no other test allocates during the measurement.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{handmade_jpeg, png_header_only};
use jszg_photo::{check, fit};

struct CountingAllocator;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Returns the most memory allocated at once while `run` ran, above what was in use before.
fn peak_during(run: impl FnOnce()) -> usize {
    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    run();
    PEAK.load(Ordering::SeqCst) - before
}

#[test]
fn pixel_flood_uses_little_memory() {
    const MAX_PEAK: usize = 4 * 1024 * 1024;
    let inputs = [
        ("jpeg", handmade_jpeg(60_000, 60_000, 3, None, Some(16))),
        ("png", png_header_only(60_000, 60_000)),
    ];
    for (name, bytes) in inputs {
        let peak = peak_during(|| {
            let report = check(&bytes);
            assert!(
                report.has_issue("photo.pixel_flood"),
                "{name}: {:?}",
                report.issues
            );
        });
        // The decoder copies the input, so a working counter sees some allocation.
        assert!(peak > 0, "{name}: the allocator counted nothing");
        assert!(
            peak < MAX_PEAK,
            "{name}: check allocated {peak} bytes at peak"
        );

        let peak = peak_during(|| {
            let error = fit(&bytes).expect_err(name);
            assert_eq!(error.issues[0].code, "photo.pixel_flood", "{name}");
        });
        assert!(
            peak < MAX_PEAK,
            "{name}: fit allocated {peak} bytes at peak"
        );
    }
}
