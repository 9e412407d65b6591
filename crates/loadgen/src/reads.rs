//! Authenticated reads: `GET /profile` and `GET /verification` (the applicant's
//! verification status) on the server against a bare axum handler served
//! by the same stack (axum-server, rustls with ring, the development certificate).

use crate::client::{https_client, resident_id, Api, PASSWORD};
use crate::signin::{passes, percentile, Level};
use anyhow::{bail, Context, Result};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use futures::stream::{self, StreamExt, TryStreamExt};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Sends `requests` GETs of `url` with `token`, `concurrency` at a time.
pub async fn measure(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    requests: usize,
    concurrency: usize,
) -> Result<Level> {
    let started = Instant::now();
    let latencies: Vec<Duration> = stream::iter(0..requests)
        .map(|_| async move {
            let sent = Instant::now();
            let response = client.get(url).bearer_auth(token).send().await?;
            let status = response.status();
            let body = response.bytes().await?;
            if !status.is_success() {
                bail!(
                    "GET {url} failed with {status}: {}",
                    String::from_utf8_lossy(&body)
                );
            }
            Ok(sent.elapsed())
        })
        .buffer_unordered(concurrency)
        .try_collect()
        .await?;
    Ok(Level {
        concurrency,
        requests,
        per_second: requests as f64 / started.elapsed().as_secs_f64(),
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
    })
}

/// Signs in the account registered by the sign-in benchmark and returns its session
/// token for the read benchmarks.
pub async fn session_token(api: &Api) -> Result<String> {
    let pass = passes(api, "sign_in", 1).await?.remove(0);
    let (status, body) = api.sign_in(&resident_id(0), PASSWORD, pass).await?;
    if status != 200 {
        bail!("sign-in for the read benchmark failed with {status}: {body}");
    }
    Ok(body["token"].as_str().context("session token")?.to_string())
}

/// Reads `path` (such as `/profile` or `/verification`) with a session token.
pub async fn signed_in_reads(
    api: &Api,
    token: &str,
    path: &str,
    requests: usize,
    concurrency: usize,
) -> Result<Level> {
    measure(&api.http, &api.url(path), token, requests, concurrency).await
}

async fn bare_profile(headers: HeaderMap) -> Result<Json<Value>, StatusCode> {
    if !headers.contains_key(axum::http::header::AUTHORIZATION) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(Json(json!({
        "account_id": "00000000-0000-0000-0000-000000000000",
        "document_type": "resident_id_card",
        "document_number_masked": "11*****2X",
        "name": "张三",
        "phone_masked": "158*****00",
        "email_masked": "1*****@qq.com",
    })))
}

/// Serves one handler on a free loopback port with the server's TLS set-up and reads
/// it like the profile.
pub async fn bare_reads(requests: usize, concurrency: usize) -> Result<Level> {
    let folder = tempfile::Builder::new().prefix("jszg-bare-").tempdir()?;
    let identity = jszg_server::tls::server_identity(None, None, folder.path())?;
    let tls = axum_server::tls_rustls::RustlsConfig::from_config(jszg_server::tls::rustls_config(
        &identity,
    )?);
    let ca_pem = identity.dev_ca.context("development CA")?.1;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let handle = axum_server::Handle::new();
    let app = Router::new().route("/api/v1/profile", get(bare_profile));
    let server = axum_server::from_tcp_rustls(listener, tls)
        .handle(handle.clone())
        .serve(app.into_make_service());
    let task = tokio::spawn(server);
    let client = https_client(&ca_pem)?;
    let url = format!("https://{addr}/api/v1/profile");
    let level = measure(&client, &url, "bare-token", requests, concurrency).await;
    handle.shutdown();
    let _ = task.await;
    level
}
