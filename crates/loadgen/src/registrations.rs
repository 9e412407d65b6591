//! Registrations per second: codes are fetched first, then only `POST /accounts` is
//! timed, `concurrency` at a time.

use crate::client::{phone, registration, Api};
use crate::signin::{percentile, Level};
use anyhow::Result;
use futures::stream::{self, StreamExt, TryStreamExt};
use jszg_api::RegisterRequest;
use std::time::{Duration, Instant};

/// Requests a registration code for each serial in `serials`, four at a time, and
/// returns the filled-in forms.
pub async fn forms(api: &Api, serials: std::ops::Range<u32>) -> Result<Vec<RegisterRequest>> {
    stream::iter(serials)
        .map(|n| async move {
            let code = api.registration_code(&phone(n)).await?;
            Ok::<_, anyhow::Error>(registration(n, code))
        })
        .buffered(4)
        .try_collect()
        .await
}

/// Registers `count` new accounts from serial `first` on and returns the rate.
pub async fn measure(api: &Api, first: u32, count: u32, concurrency: usize) -> Result<Level> {
    let forms = forms(api, first..first + count).await?;
    let started = Instant::now();
    let latencies: Vec<Duration> = stream::iter(forms)
        .map(|form| async move {
            let sent = Instant::now();
            api.register(&form).await?;
            Ok::<_, anyhow::Error>(sent.elapsed())
        })
        .buffer_unordered(concurrency)
        .try_collect()
        .await?;
    Ok(Level {
        concurrency,
        requests: count as usize,
        per_second: f64::from(count) / started.elapsed().as_secs_f64(),
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
    })
}
