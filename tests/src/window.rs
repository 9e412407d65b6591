//! The app's window through WebDriver, with waits on conditions instead of sleeps.

use anyhow::{bail, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long any single condition may take before the test fails.
pub const WAIT_LIMIT: Duration = Duration::from_secs(30);

/// One WebDriver session on the app.
pub struct Window {
    pub client: Client,
}

impl Window {
    /// Starts the app through tauri-driver on `port` and waits for the page to be ready.
    pub async fn open(port: u16, app: &Path) -> Result<Window> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": app.display().to_string() }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("WebDriver session with the app failed")?;
        let window = Window { client };
        window
            .wait_script(
                "page ready",
                "return document.body.dataset.ready === 'true';",
            )
            .await?;
        Ok(window)
    }

    /// Ends the session; errors are ignored because the app may already be gone.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// Waits until an element matching `css` exists and is displayed.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + WAIT_LIMIT;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if element.is_displayed().await.unwrap_or(false) {
                    return Ok(element);
                }
            }
            if Instant::now() > deadline {
                let page = self
                    .client
                    .execute(
                        "return document.querySelector('#view').innerHTML.slice(0, 3000);",
                        vec![],
                    )
                    .await
                    .unwrap_or_default();
                bail!("no visible element matches `{css}` after {WAIT_LIMIT:?}; view: {page}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` satisfies `accept`, and returns it.
    pub async fn wait_text(&self, css: &str, accept: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + WAIT_LIMIT;
        let mut last = String::new();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if accept(&last) {
                    return Ok(last);
                }
            }
            if Instant::now() > deadline {
                bail!("`{css}` never had the expected text; last text: {last:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the script `condition` returns true in the page.
    pub async fn wait_script(&self, what: &str, condition: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT_LIMIT;
        loop {
            let value = self.client.execute(condition, vec![]).await?;
            if value == Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let page = self
                    .client
                    .execute("return document.body.outerHTML.slice(0, 2000);", vec![])
                    .await
                    .unwrap_or_default();
                bail!("{what} did not happen within {WAIT_LIMIT:?}; page: {page}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens route `hash` (for example `#/register`), rendering it again when it is
    /// already open, and waits for its first heading.
    pub async fn go(&self, hash: &str) -> Result<()> {
        self.client
            .execute(
                "document.body.dataset.route = '';
                 if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent('hashchange'));
                 else location.hash = arguments[0];",
                vec![json!(hash)],
            )
            .await?;
        let path = hash.trim_start_matches('#').split('?').next().unwrap_or("");
        self.wait_for(&format!("body[data-route=\"{path}\"] h1"))
            .await?;
        Ok(())
    }

    /// Types `text` into the field `css` after clearing it.
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let element = self.wait_for(css).await?;
        element.clear().await?;
        element.send_keys(text).await?;
        Ok(())
    }

    /// Chooses `value` in the select `css` and fires its change event.
    pub async fn select(&self, css: &str, value: &str) -> Result<()> {
        self.wait_for(css).await?;
        self.client
            .execute(
                "const s = document.querySelector(arguments[0]); s.value = arguments[1];
                 s.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![json!(css), json!(value)],
            )
            .await?;
        Ok(())
    }

    /// Clicks the element `css` once it is visible.
    pub async fn click(&self, css: &str) -> Result<()> {
        self.wait_for(css).await?.click().await?;
        Ok(())
    }

    /// Returns the value of input `css`.
    pub async fn value(&self, css: &str) -> Result<String> {
        let element = self.wait_for(css).await?;
        Ok(element.prop("value").await?.unwrap_or_default())
    }
}
