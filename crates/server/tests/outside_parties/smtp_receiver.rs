//! A small SMTP server on 127.0.0.1 that accepts every message and keeps it, so tests
//! can read what the server's mailer actually sent over a real SMTP conversation.
//! Recipients whose local part starts with `reject` get a permanent 550 reply.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// One message as the receiver got it: the envelope and the raw data after DATA.
#[derive(Debug, Clone)]
pub struct ReceivedEmail {
    pub mail_from: String,
    pub recipients: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Default)]
struct Mailbox {
    messages: Mutex<Vec<ReceivedEmail>>,
    arrived: Notify,
}

/// A running receiver; it stops when the test's runtime ends.
pub struct SmtpReceiver {
    pub port: u16,
    mailbox: Arc<Mailbox>,
}

impl SmtpReceiver {
    pub async fn start() -> SmtpReceiver {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind smtp receiver");
        let port = listener.local_addr().unwrap().port();
        let mailbox = Arc::new(Mailbox::default());
        let accepting = mailbox.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_session(stream, accepting.clone()));
            }
        });
        SmtpReceiver { port, mailbox }
    }

    /// Waits up to 10 s until at least `count` messages have arrived and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedEmail> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let arrived = self.mailbox.arrived.notified();
            {
                let messages = self.mailbox.messages.lock().unwrap();
                if messages.len() >= count {
                    return messages.clone();
                }
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!("timed out waiting for {count} emails at the smtp receiver");
            }
        }
    }

    pub fn received(&self) -> Vec<ReceivedEmail> {
        self.mailbox.messages.lock().unwrap().clone()
    }
}

async fn serve_session(stream: TcpStream, mailbox: Arc<Mailbox>) {
    let (read_half, mut write_half) = stream.into_split();
    let mut reader = BufReader::new(read_half);
    let mut mail_from = String::new();
    let mut recipients = Vec::new();
    if write_half
        .write_all(b"220 receiver ESMTP\r\n")
        .await
        .is_err()
    {
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        let reply: String = if upper.starts_with("EHLO") {
            "250-receiver\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n".into()
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            "250 ok\r\n".into()
        } else if upper.starts_with("MAIL FROM:") {
            mail_from = angle_address(&command);
            recipients.clear();
            "250 ok\r\n".into()
        } else if upper.starts_with("RCPT TO:") {
            let recipient = angle_address(&command);
            if recipient.starts_with("reject") {
                "550 mailbox unavailable\r\n".into()
            } else {
                recipients.push(recipient);
                "250 ok\r\n".into()
            }
        } else if upper == "DATA" {
            if write_half
                .write_all(b"354 end with <CRLF>.<CRLF>\r\n")
                .await
                .is_err()
            {
                return;
            }
            let Some(data) = read_data(&mut reader).await else {
                return;
            };
            let email = ReceivedEmail {
                mail_from: mail_from.clone(),
                recipients: std::mem::take(&mut recipients),
                data,
            };
            mailbox.messages.lock().unwrap().push(email);
            mailbox.arrived.notify_waiters();
            "250 queued\r\n".into()
        } else if upper == "RSET" {
            recipients.clear();
            "250 ok\r\n".into()
        } else if upper == "QUIT" {
            let _ = write_half.write_all(b"221 bye\r\n").await;
            return;
        } else {
            "502 command not implemented\r\n".into()
        };
        if write_half.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Reads the message after DATA up to the lone dot, undoing dot-stuffing.
async fn read_data<R: tokio::io::AsyncBufRead + Unpin>(reader: &mut R) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        if line == b".\r\n" || line == b".\n" {
            return Some(data);
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
}

fn angle_address(command: &str) -> String {
    let start = command.find('<').map(|index| index + 1).unwrap_or(0);
    let end = command.rfind('>').unwrap_or(command.len());
    command[start..end].to_string()
}
