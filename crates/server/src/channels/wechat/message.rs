//! Messages of the WeChat service-account callback: the XML WeChat posts and the
//! passive text reply it shows to the user.

use serde::Deserialize;

/// Menu key of the "取验证码" (get a code) button.
pub const MENU_KEY_GET_CODE: &str = "GET_CODE";
/// Menu key of the "重置密码" (reset password) button.
pub const MENU_KEY_RESET_PASSWORD: &str = "RESET_PASSWORD";

/// The fields of an incoming message this server reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IncomingMessage {
    /// Our service account's id.
    pub to_user_name: String,
    /// The sender's OpenID, stable for one user and one service account.
    pub from_user_name: String,
    pub create_time: i64,
    pub msg_type: String,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub event_key: Option<String>,
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Followed the account or pressed "取验证码": tell them to send the document number.
    AskForDocumentNumber,
    /// Sent text that should be a document number, to get a registration code.
    RegistrationCode { document_number: String },
    /// Pressed "重置密码" or sent that text.
    ResetPassword,
    /// Anything else: show the help text.
    Other,
}

/// Parses the XML body of a callback.
pub fn parse_incoming(xml: &str) -> Result<IncomingMessage, String> {
    quick_xml::de::from_str(xml).map_err(|error| format!("invalid wechat message xml: {error}"))
}

/// Classifies a message by its type, event and text.
pub fn classify(message: &IncomingMessage) -> Intent {
    match message.msg_type.as_str() {
        "event" => {
            let event = message.event.as_deref().unwrap_or_default();
            let key = message.event_key.as_deref().unwrap_or_default();
            match (event.to_ascii_lowercase().as_str(), key) {
                ("subscribe", _) => Intent::AskForDocumentNumber,
                ("click", MENU_KEY_GET_CODE) => Intent::AskForDocumentNumber,
                ("click", MENU_KEY_RESET_PASSWORD) => Intent::ResetPassword,
                _ => Intent::Other,
            }
        }
        "text" => {
            let text = message.content.as_deref().unwrap_or_default().trim();
            match text {
                "" => Intent::Other,
                "取验证码" | "验证码" => Intent::AskForDocumentNumber,
                "重置密码" => Intent::ResetPassword,
                _ => Intent::RegistrationCode {
                    document_number: text.to_owned(),
                },
            }
        }
        _ => Intent::Other,
    }
}

/// Builds the passive text reply to `incoming`, as WeChat expects it in the response body.
pub fn text_reply(incoming: &IncomingMessage, create_time: i64, content: &str) -> String {
    format!(
        "<xml><ToUserName>{}</ToUserName><FromUserName>{}</FromUserName>\
         <CreateTime>{create_time}</CreateTime><MsgType><![CDATA[text]]></MsgType>\
         <Content>{}</Content></xml>",
        cdata(&incoming.from_user_name),
        cdata(&incoming.to_user_name),
        cdata(content)
    )
}

/// Wraps text in CDATA; a `]]>` inside is split across two sections.
fn cdata(text: &str) -> String {
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

/// Reads the text content of a passive reply, as a WeChat client would show it.
pub fn parse_reply_content(xml: &str) -> Result<String, String> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Reply {
        content: String,
    }
    quick_xml::de::from_str::<Reply>(xml)
        .map(|reply| reply.content)
        .map_err(|error| format!("invalid wechat reply xml: {error}"))
}

/// Builds the XML of a text message as WeChat posts it to the callback.
pub fn incoming_text_xml(
    service_account: &str,
    open_id: &str,
    create_time: i64,
    text: &str,
) -> String {
    format!(
        "<xml><ToUserName>{}</ToUserName><FromUserName>{}</FromUserName>\
         <CreateTime>{create_time}</CreateTime><MsgType><![CDATA[text]]></MsgType>\
         <Content>{}</Content></xml>",
        cdata(service_account),
        cdata(open_id),
        cdata(text)
    )
}

/// Builds the XML of a menu click or other event as WeChat posts it to the callback.
pub fn incoming_event_xml(
    service_account: &str,
    open_id: &str,
    create_time: i64,
    event: &str,
    event_key: &str,
) -> String {
    format!(
        "<xml><ToUserName>{}</ToUserName><FromUserName>{}</FromUserName>\
         <CreateTime>{create_time}</CreateTime><MsgType><![CDATA[event]]></MsgType>\
         <Event>{}</Event><EventKey>{}</EventKey></xml>",
        cdata(service_account),
        cdata(open_id),
        cdata(event),
        cdata(event_key)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_text_message() {
        let xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\
            <FromUserName><![CDATA[o_user]]></FromUserName><CreateTime>1700000000</CreateTime>\
            <MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ 11010519491231002X ]]></Content>\
            <MsgId>1234567890123456</MsgId></xml>";
        let message = parse_incoming(xml).unwrap();
        assert_eq!(message.from_user_name, "o_user");
        assert_eq!(message.to_user_name, "gh_1");
        assert_eq!(message.create_time, 1_700_000_000);
        assert_eq!(
            classify(&message),
            Intent::RegistrationCode {
                document_number: "11010519491231002X".into()
            }
        );
    }

    #[test]
    fn classify_reads_menu_clicks() {
        let xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\
            <FromUserName><![CDATA[o_user]]></FromUserName><CreateTime>1</CreateTime>\
            <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>\
            <EventKey><![CDATA[RESET_PASSWORD]]></EventKey></xml>";
        assert_eq!(
            classify(&parse_incoming(xml).unwrap()),
            Intent::ResetPassword
        );
        let subscribe = xml.replace("CLICK", "subscribe");
        assert_eq!(
            classify(&parse_incoming(&subscribe).unwrap()),
            Intent::AskForDocumentNumber
        );
    }

    #[test]
    fn reply_round_trips_text_with_cdata_end() {
        let incoming = parse_incoming(&incoming_text_xml("gh_1", "o_user", 5, "重置密码")).unwrap();
        assert_eq!(classify(&incoming), Intent::ResetPassword);
        let reply = text_reply(&incoming, 6, "验证码 123456 ]]> 结束");
        assert!(reply.contains("<ToUserName><![CDATA[o_user]]></ToUserName>"));
        assert_eq!(
            parse_reply_content(&reply).unwrap(),
            "验证码 123456 ]]> 结束"
        );
    }
}
