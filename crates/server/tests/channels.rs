//! The SMTP and SMS adapters against real servers on 127.0.0.1.

mod outside_parties;

use jszg_server::channels::messengers::SPAM_FOLDER_REMINDER;
use jszg_server::channels::sms_gateway::{SmsGateway, SmsGatewayConfig};
use jszg_server::channels::smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};
use jszg_server::channels::ChannelError;
use jszg_server::outbox::{Channel, Messenger, OutgoingMessage};
use mail_parser::MessageParser;
use outside_parties::sms_gateway::SmsGatewayStandIn;
use outside_parties::smtp_receiver::SmtpReceiver;

fn smtp_config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
        from: "中国教师资格网 <noreply@jszg.test>".into(),
        timeout_seconds: 5,
    }
}

#[tokio::test]
async fn smtp_delivers_subject_and_body() {
    let receiver = SmtpReceiver::start().await;
    let mailer = SmtpMailer::new(&smtp_config(receiver.port)).unwrap();
    let body = "您的密码已修改。\n如非本人操作，请立即重置密码。";
    mailer
        .send("applicant@example.cn", "密码修改通知", body)
        .await
        .unwrap();

    let received = receiver.wait_for(1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].mail_from, "noreply@jszg.test");
    assert_eq!(
        received[0].recipients,
        vec!["applicant@example.cn".to_string()]
    );
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    assert_eq!(parsed.subject(), Some("密码修改通知"));
    let text = parsed.body_text(0).unwrap();
    assert_eq!(text.trim_end().replace("\r\n", "\n"), body);
}

#[tokio::test]
async fn smtp_messenger_reminds_qq_users_of_spam_folder() {
    let receiver = SmtpReceiver::start().await;
    let mailer = SmtpMailer::new(&smtp_config(receiver.port)).unwrap();
    let message = OutgoingMessage {
        id: "m-1".into(),
        channel: Channel::Email,
        destination: "12345678@qq.com".into(),
        subject: "中国教师资格网：密码重置".into(),
        body: "请点击链接重置密码。".into(),
    };
    mailer.deliver(&message).await.unwrap();

    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].recipients, vec!["12345678@qq.com".to_string()]);
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    assert_eq!(parsed.subject(), Some("中国教师资格网：密码重置"));
    let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.starts_with("请点击链接重置密码。"), "{text}");
    assert!(text.contains(SPAM_FOLDER_REMINDER), "{text}");
}

#[tokio::test]
async fn smtp_rejected_recipient_is_permanent() {
    let receiver = SmtpReceiver::start().await;
    let mailer = SmtpMailer::new(&smtp_config(receiver.port)).unwrap();
    let error = mailer
        .send("reject-me@example.cn", "主题", "正文")
        .await
        .unwrap_err();
    assert!(matches!(error, ChannelError::Permanent(_)), "{error:?}");
    assert!(receiver.received().is_empty());
}

#[tokio::test]
async fn smtp_unreachable_relay_is_transient() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mailer = SmtpMailer::new(&smtp_config(port)).unwrap();
    let error = mailer
        .send("a@example.cn", "主题", "正文")
        .await
        .unwrap_err();
    assert!(matches!(error, ChannelError::Transient(_)), "{error:?}");
}

fn gateway_config(gateway: &SmsGatewayStandIn, api_key: &str) -> SmsGatewayConfig {
    SmsGatewayConfig {
        url: gateway.url.clone(),
        api_key: api_key.into(),
        sign_name: "中国教师资格网".into(),
        ca_certificate: Some(gateway.ca_path.clone()),
        timeout_seconds: 5,
    }
}

#[tokio::test]
async fn sms_gateway_receives_message_with_key() {
    let gateway = SmsGatewayStandIn::start("key-1").await;
    let sms = SmsGateway::new(&gateway_config(&gateway, "key-1")).unwrap();
    sms.send("13800138000", "验证码 123456，5分钟内有效。", "outbox-7")
        .await
        .unwrap();
    let accepted = gateway.accepted();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].phone, "13800138000");
    assert_eq!(accepted[0].text, "验证码 123456，5分钟内有效。");
    assert_eq!(accepted[0].sign_name, "中国教师资格网");
    assert_eq!(accepted[0].reference, "outbox-7");
}

#[tokio::test]
async fn sms_gateway_untrusted_certificate_is_transient() {
    let gateway = SmsGatewayStandIn::start("key-1").await;
    let mut config = gateway_config(&gateway, "key-1");
    config.ca_certificate = None;
    let sms = SmsGateway::new(&config).unwrap();
    let error = sms.send("13800138000", "text", "r1").await.unwrap_err();
    assert!(matches!(error, ChannelError::Transient(_)), "{error:?}");
    assert!(gateway.accepted().is_empty());
}

#[tokio::test]
async fn sms_gateway_wrong_key_is_permanent() {
    let gateway = SmsGatewayStandIn::start("key-1").await;
    let sms = SmsGateway::new(&gateway_config(&gateway, "wrong")).unwrap();
    let error = sms.send("13800138000", "text", "r1").await.unwrap_err();
    assert!(matches!(error, ChannelError::Permanent(_)), "{error:?}");
    assert!(gateway.accepted().is_empty());
}

#[tokio::test]
async fn sms_gateway_outage_is_transient() {
    let gateway = SmsGatewayStandIn::start("key-1").await;
    gateway.fail_next(1);
    let sms = SmsGateway::new(&gateway_config(&gateway, "key-1")).unwrap();
    let error = sms.send("13800138000", "text", "r1").await.unwrap_err();
    assert!(matches!(error, ChannelError::Transient(_)), "{error:?}");
    sms.send("13800138000", "text", "r1").await.unwrap();
    assert_eq!(gateway.accepted().len(), 1);
}
