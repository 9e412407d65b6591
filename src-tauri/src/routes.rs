//! Which server endpoint each kind of queued submission goes to.

/// An endpoint a queued submission is sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: reqwest::Method,
    pub path: &'static str,
    /// Whether the request carries the session token.
    pub signed_in: bool,
}

/// Returns the route of submission `kind`, or `None` for an unknown kind.
pub fn route_of(kind: &str) -> Option<Route> {
    use reqwest::Method;
    let (method, path, signed_in) = match kind {
        "register" => (Method::POST, "/accounts", false),
        "contact_change" => (Method::POST, "/contact-change-requests", false),
        "profile" => (Method::PUT, "/profile", true),
        "password_change" => (Method::PUT, "/account/password", true),
        "phone_change" => (Method::PUT, "/account/phone", true),
        "manual_review" => (Method::POST, "/manual-reviews", true),
        _ => return None,
    };
    Some(Route {
        method,
        path,
        signed_in,
    })
}
