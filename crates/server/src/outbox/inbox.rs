//! The development inbox: a messenger that stores every message in the database, where
//! the admin API lists it. Used by the embedded server and by tests in place of real
//! SMS, email and WeChat delivery.

use super::{Channel, DeliveryError, Messenger, OutgoingMessage};
use crate::channels::messengers::email_body_for;
use crate::clock::Clock;
use crate::db::{get, Db};
use crate::error::AppResult;
use crate::http::admin::AdminAuth;
use crate::state::AppState;
use async_trait::async_trait;
use axum::extract::{Query, State};
use axum::routing::get as get_route;
use axum::{Json, Router};
use jszg_api::InboxMessage;
use serde::Deserialize;
use std::sync::Arc;

pub struct DevInbox {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl DevInbox {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> DevInbox {
        DevInbox { db, clock }
    }
}

#[async_trait]
impl Messenger for DevInbox {
    async fn deliver(&self, message: &OutgoingMessage) -> Result<(), DeliveryError> {
        // An email is stored as the SMTP relay would send it.
        let body = match message.channel {
            Channel::Email => email_body_for(&message.destination, &message.body),
            _ => message.body.clone(),
        };
        // The outbox id is the primary key, so a redelivery after a lost acknowledgement
        // stores the message once.
        let insert = sqlx::query(
            "INSERT INTO dev_inbox (id, channel, destination, subject, body, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&message.id)
        .bind(message.channel.as_str())
        .bind(&message.destination)
        .bind(&message.subject)
        .bind(&body)
        .bind(self.clock.now_ms())
        .execute(&self.db.pool)
        .await;
        insert
            .map(|_| ())
            .map_err(|error| DeliveryError::Temporary(format!("inbox insert failed: {error}")))
    }
}

#[derive(Deserialize)]
struct InboxQuery {
    destination: Option<String>,
}

/// `GET /admin/inbox`: messages, newest first, optionally for one destination.
async fn list_inbox(
    _admin: AdminAuth,
    State(state): State<AppState>,
    Query(query): Query<InboxQuery>,
) -> AppResult<Json<Vec<InboxMessage>>> {
    let rows = match &query.destination {
        Some(destination) => {
            sqlx::query(
                "SELECT id, channel, destination, subject, body, received_at FROM dev_inbox \
                 WHERE destination = $1 ORDER BY received_at DESC, id",
            )
            .bind(destination)
            .fetch_all(&state.db.pool)
            .await?
        }
        None => {
            sqlx::query(
                "SELECT id, channel, destination, subject, body, received_at FROM dev_inbox \
                 ORDER BY received_at DESC, id LIMIT 500",
            )
            .fetch_all(&state.db.pool)
            .await?
        }
    };
    let messages = rows
        .iter()
        .map(|row| {
            Ok(InboxMessage {
                id: get(row, "id")?,
                channel: get(row, "channel")?,
                destination: get(row, "destination")?,
                subject: get(row, "subject")?,
                body: get(row, "body")?,
                received_at: crate::clock::from_ms(get(row, "received_at")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Json(messages))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/inbox", get_route(list_inbox))
}
