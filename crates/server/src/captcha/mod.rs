//! Slider captcha. `POST /captcha` draws a puzzle for a purpose; `POST
//! /captcha/{id}/solution` checks the dropped offset and the drag trail and returns a
//! pass token. A feature that needs a solved captcha calls [`consume_pass`], which
//! accepts each pass once, for its purpose, within 2 minutes.

mod puzzle;
pub mod trail;

use crate::crypto::{random_token, token_hash};
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use jszg_api::{CaptchaPass, CaptchaPuzzle, CaptchaRequest, CaptchaSolution};
use sqlx::AnyConnection;

/// How long a puzzle and a pass stay valid.
pub const VALID_MS: i64 = 2 * 60 * 1000;
/// How far, in background pixels, the dropped piece may be from the hole.
pub const TOLERANCE_PX: f64 = 4.0;

/// Purposes a pass can be earned for.
pub const PURPOSES: &[&str] = &["send_code", "sign_in", "password_reset"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/captcha", post(create_puzzle))
        .route("/captcha/{id}/solution", post(solve_puzzle))
}

fn purpose_error() -> AppError {
    AppError::bad_request("captcha.purpose", "未知的验证用途。").with_field("purpose")
}

fn failed() -> AppError {
    AppError::bad_request("captcha.failed", "拼图未对准，请重新拖动滑块完成验证。")
        .with_field("captcha")
}

#[utoipa::path(post, path = "/api/v1/captcha", tag = "captcha", request_body = CaptchaRequest,
    responses((status = 201, body = CaptchaPuzzle), (status = 400, body = jszg_api::ErrorBody)))]
pub async fn create_puzzle(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<CaptchaRequest>,
) -> AppResult<(axum::http::StatusCode, Json<CaptchaPuzzle>)> {
    if !PURPOSES.contains(&request.purpose.as_str()) {
        return Err(purpose_error());
    }
    let drawn = tokio::task::spawn_blocking(|| puzzle::draw(&mut rand::thread_rng()))
        .await
        .map_err(anyhow::Error::from)?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = state.clock.now_ms();
    sqlx::query(
        "INSERT INTO captcha_puzzles (id, purpose, answer_x, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&request.purpose)
    .bind(i64::from(drawn.answer_x))
    .bind(now)
    .bind(now + VALID_MS)
    .execute(&state.db.pool)
    .await?;
    let body = CaptchaPuzzle {
        id,
        background_png: drawn.background_png,
        piece_png: drawn.piece_png,
        width: puzzle::WIDTH,
        height: puzzle::HEIGHT,
        piece_size: puzzle::PIECE,
        piece_y: drawn.piece_y,
        expires_at: crate::clock::from_ms(now + VALID_MS),
    };
    Ok((axum::http::StatusCode::CREATED, Json(body)))
}

#[utoipa::path(post, path = "/api/v1/captcha/{id}/solution", tag = "captcha", request_body = CaptchaSolution,
    params(("id" = String, Path, description = "Puzzle id")),
    responses((status = 200, body = CaptchaPass), (status = 400, body = jszg_api::ErrorBody)))]
pub async fn solve_puzzle(
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(solution): JsonBody<CaptchaSolution>,
) -> AppResult<Json<CaptchaPass>> {
    let now = state.clock.now_ms();
    // Marking the puzzle used before checking makes every puzzle single-try.
    let row = sqlx::query(
        "UPDATE captcha_puzzles SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at >= $1 \
         RETURNING purpose, answer_x",
    )
    .bind(now)
    .bind(&id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else {
        return Err(
            AppError::bad_request("captcha.expired", "拼图已失效，请刷新后重新验证。")
                .with_field("captcha"),
        );
    };
    let purpose: String = get(&row, "purpose")?;
    let answer_x: i64 = get(&row, "answer_x")?;
    if (solution.offset_x - answer_x as f64).abs() > TOLERANCE_PX {
        tracing::info!(puzzle_id = %id, "captcha offset off target");
        return Err(failed());
    }
    if let Err(problem) = trail::check(&solution.trail, solution.offset_x) {
        tracing::info!(puzzle_id = %id, ?problem, "captcha trail rejected");
        return Err(failed());
    }
    let token = random_token();
    sqlx::query(
        "INSERT INTO captcha_passes (token_hash, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(&token))
    .bind(&purpose)
    .bind(now)
    .bind(now + VALID_MS)
    .execute(&state.db.pool)
    .await?;
    Ok(Json(CaptchaPass {
        pass_token: token,
        purpose,
        expires_at: crate::clock::from_ms(now + VALID_MS),
    }))
}

/// Accepts a pass token once for `purpose`; fails with `captcha.required` when the token
/// is unknown, used, expired or for another purpose. Inside the transaction of the action
/// it guards, a rolled-back action leaves the pass unused; on a plain connection the pass
/// is spent whatever happens next.
pub async fn consume_pass(
    connection: &mut AnyConnection,
    now_ms: i64,
    token: &str,
    purpose: &str,
) -> AppResult<()> {
    let updated = sqlx::query(
        "UPDATE captcha_passes SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at >= $1",
    )
    .bind(now_ms)
    .bind(token_hash(token))
    .bind(purpose)
    .execute(connection)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::bad_request(
            "captcha.required",
            "请先完成滑块验证（验证结果只能使用一次，2 分钟内有效）。",
        )
        .with_field("captcha"));
    }
    Ok(())
}
