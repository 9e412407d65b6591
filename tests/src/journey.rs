//! Steps several journeys share: valid test identities, the slider captcha and
//! verification codes from the development inbox.

use crate::Window;
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::time::Duration;

/// Builds a valid 18-character resident ID number from its first 17 characters by
/// adding the ISO 7064 MOD 11-2 check character.
pub fn resident_id(first_17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first_17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).expect("digits only") * w)
        .sum();
    format!("{first_17}{}", CHECK[(sum % 11) as usize] as char)
}

/// Reads the hole position of puzzle `id` from the server's SQLite database, since
/// a test cannot see the picture.
pub async fn captcha_answer(database: &Path, id: &str) -> Result<i64> {
    let url = format!("sqlite://{}?mode=ro", database.display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let answer: (i64,) = sqlx::query_as("SELECT answer_x FROM captcha_puzzles WHERE id = ?")
        .bind(id)
        .fetch_one(&pool)
        .await
        .context("puzzle not found in the server database")?;
    pool.close().await;
    Ok(answer.0)
}

/// Solves the slider captcha `captcha_id` with the keyboard: coarse steps with Shift,
/// then single steps, then Enter. Key presses are paced like a person's, because the
/// server rejects a drag that is too fast or of constant speed.
pub async fn solve_captcha(window: &Window, database: &Path, captcha_id: &str) -> Result<()> {
    let root = format!("#{captcha_id}[data-puzzle]");
    let element = window.wait_for(&root).await?;
    let puzzle = element
        .attr("data-puzzle")
        .await?
        .context("puzzle id missing")?;
    let answer = captcha_answer(database, &puzzle).await?;
    let handle = window.wait_for(&format!("#{captcha_id}-handle")).await?;
    let coarse = answer / 10;
    let fine = answer % 10;
    let right = "\u{E014}";
    let shift = "\u{E008}";
    for _ in 0..coarse {
        handle.send_keys(&format!("{shift}{right}{shift}")).await?;
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    for _ in 0..fine {
        handle.send_keys(right).await?;
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    handle.send_keys("\u{E007}").await?;
    window
        .wait_for(&format!("#{captcha_id}[data-passed=true]"))
        .await
        .with_context(|| format!("captcha at x = {answer} was not accepted"))?;
    Ok(())
}

/// Opens the development inbox panel and returns the newest SMS code sent to `phone`.
pub async fn sms_code_from_inbox(window: &Window, phone: &str) -> Result<String> {
    if window
        .client
        .execute("return document.querySelector('#inbox').hidden;", vec![])
        .await?
        == serde_json::Value::Bool(true)
    {
        window.click("#inbox-toggle").await?;
    }
    let selector = format!("#inbox-list li[data-destination=\"{phone}\"] .body");
    let text = window
        .wait_text(&selector, |t| t.contains("验证码"))
        .await?;
    let digits: String = text
        .split("验证码为")
        .nth(1)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() != 6 {
        bail!("no six-digit code in inbox message {text:?}");
    }
    Ok(digits)
}

/// Returns the newest code the server's development inbox holds for `destination`.
pub async fn code_from_database(database: &Path, destination: &str) -> Result<String> {
    let url = format!("sqlite://{}?mode=ro", database.display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT body FROM dev_inbox WHERE destination = ? ORDER BY received_at DESC LIMIT 1",
    )
    .bind(destination)
    .fetch_optional(&pool)
    .await?;
    pool.close().await;
    let body = row.map(|(body,)| body).unwrap_or_default();
    let digits: String = body
        .split("验证码为")
        .nth(1)
        .unwrap_or("")
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() != 6 {
        bail!("no six-digit code for {destination} in the inbox");
    }
    Ok(digits)
}
