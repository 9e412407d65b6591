//! Which server endpoint each kind of queued submission goes to.

/// An endpoint a queued submission is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub path: &'static str,
    /// Whether the request carries the session token.
    pub signed_in: bool,
}

/// Returns the route of submission `kind`, or `None` for an unknown kind.
pub fn route_of(kind: &str) -> Option<Route> {
    let (path, signed_in) = match kind {
        "register" => ("/accounts", false),
        "contact_change" => ("/contact-changes", false),
        "password_reset" => ("/password-resets/complete", false),
        "profile" => ("/profile", true),
        "password_change" => ("/profile/password", true),
        "phone_change" => ("/profile/phone", true),
        "manual_review" => ("/manual-reviews", true),
        _ => return None,
    };
    Some(Route { path, signed_in })
}
