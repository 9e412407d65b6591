//! Password work: the argon2id rate of one core, sign-in throughput and latency at
//! rising concurrency, and a flood of wrong-password sign-ins against the memory bound.

use crate::client::{registration, resident_id, Api, PASSWORD};
use crate::server::{rss_bytes, sample_peak_rss, ServerProcess};
use anyhow::{bail, Result};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use futures::stream::{self, StreamExt, TryStreamExt};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Memory of one argon2id hash with the server's parameters (m = 19 MiB).
pub const HASH_MEMORY_BYTES: u64 = 19 * 1024 * 1024;
/// Allowance above the hashing bound for TLS sessions, buffers and allocator slack.
pub const FLOOD_SLACK_BYTES: u64 = 64 * 1024 * 1024;

/// Hashes per second on one thread with m = 19 MiB, t = 2, p = 1, over about 3 s. The
/// work memory is allocated once and reused, as the server does.
pub fn argon2_rate() -> Result<f64> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut memory = vec![Block::default(); params.block_count()];
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = [0u8; 32];
    let started = Instant::now();
    let mut hashes = 0u32;
    while started.elapsed() < Duration::from_secs(3) || hashes < 5 {
        argon2
            .hash_password_into_with_memory(
                PASSWORD.as_bytes(),
                b"loadgen-salt-16b",
                &mut out,
                &mut memory,
            )
            .map_err(|e| anyhow::anyhow!("argon2 failed: {e}"))?;
        hashes += 1;
    }
    Ok(f64::from(hashes) / started.elapsed().as_secs_f64())
}

/// Throughput and latency of one concurrency level.
pub struct Level {
    pub concurrency: usize,
    pub requests: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Solves `count` captchas for `purpose`, four at a time.
pub async fn passes(api: &Api, purpose: &str, count: usize) -> Result<Vec<String>> {
    stream::iter(0..count)
        .map(|_| api.captcha_pass(purpose))
        .buffer_unordered(4)
        .try_collect()
        .await
}

/// Signs one account in again and again at each concurrency level. Captchas are solved
/// before the clock starts, so the figures are the sign-in requests alone.
pub async fn sign_in_levels(api: &Api, levels: &[usize]) -> Result<Vec<Level>> {
    let code = api.registration_code(&crate::client::phone(0)).await?;
    api.register(&registration(0, code)).await?;
    let number = resident_id(0);
    let mut results = Vec::new();
    for &concurrency in levels {
        let requests = (8 * concurrency).max(24);
        let tokens = passes(api, "sign_in", requests).await?;
        let started = Instant::now();
        let latencies: Vec<Duration> = stream::iter(tokens)
            .map(|pass| {
                let number = number.clone();
                async move {
                    let sent = Instant::now();
                    let (status, body) = api.sign_in(&number, PASSWORD, pass).await?;
                    if status != 200 {
                        bail!("sign-in failed with {status}: {body}");
                    }
                    Ok(sent.elapsed())
                }
            })
            .buffer_unordered(concurrency)
            .try_collect()
            .await?;
        let elapsed = started.elapsed();
        results.push(Level {
            concurrency,
            requests,
            per_second: requests as f64 / elapsed.as_secs_f64(),
            p50_ms: percentile(&latencies, 0.50),
            p99_ms: percentile(&latencies, 0.99),
        });
    }
    Ok(results)
}

/// Returns the `q` quantile of `samples` in milliseconds (nearest rank).
pub fn percentile(samples: &[Duration], q: f64) -> f64 {
    let mut sorted: Vec<Duration> = samples.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// Effect of the wrong-password flood on the server process.
pub struct Flood {
    pub requests: usize,
    pub answered: usize,
    pub rejected_as_failed: usize,
    pub seconds: f64,
    /// Time of the first response, in ms after the requests were sent.
    pub first_answer_ms: f64,
    /// Time when half of the responses had arrived.
    pub median_answer_ms: f64,
    pub baseline_rss: u64,
    pub peak_rss: u64,
    /// RSS once every response had arrived.
    pub after_rss: u64,
    pub permits: u64,
    pub bound: u64,
}

/// Starts a fresh server and sends `count` wrong-password sign-ins for unknown numbers
/// at once, sampling the server's RSS until every one is answered.
pub async fn flood(server_binary: &Path, count: usize) -> Result<Flood> {
    let server = ServerProcess::start(server_binary, None).await?;
    let api = Api::new(&server)?;
    let tokens = passes(&api, "sign_in", count).await?;
    let pid = server.pid();
    let baseline_rss = rss_bytes(pid)?;
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        std::thread::spawn(move || sample_peak_rss(pid, &stop))
    };
    let started = Instant::now();
    let requests = tokens.into_iter().enumerate().map(|(i, pass)| {
        let api = api.clone();
        tokio::spawn(async move {
            let answer = api
                .sign_in(&resident_id(500_000 + i as u32), "Wrong#123", pass)
                .await;
            (answer, started.elapsed())
        })
    });
    let answers = futures::future::join_all(requests).await;
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let peak_rss = sampler.join().unwrap_or(0).max(baseline_rss);
    let after_rss = rss_bytes(pid)?;
    let mut answered = 0;
    let mut rejected_as_failed = 0;
    let mut answer_times = Vec::new();
    for answer in answers {
        if let Ok((Ok((status, body)), at)) = answer {
            answered += 1;
            answer_times.push(at);
            if status == 401 && body["code"] == "sign_in.failed" {
                rejected_as_failed += 1;
            }
        }
    }
    let permits = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    Ok(Flood {
        requests: count,
        answered,
        rejected_as_failed,
        seconds,
        first_answer_ms: percentile(&answer_times, 0.0),
        median_answer_ms: percentile(&answer_times, 0.5),
        baseline_rss,
        peak_rss,
        after_rss,
        permits,
        bound: baseline_rss + permits * HASH_MEMORY_BYTES + FLOOD_SLACK_BYTES,
    })
}
