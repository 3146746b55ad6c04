//! The sign-in flows an app client allows (its ExplicitAuthFlows), and cognitui's order of
//! preference among them.

/// Which flow signs the user in; the app client's ExplicitAuthFlows say which are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFlow {
    /// AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH (IAM credentials; the default).
    Admin,
    /// InitiateAuth with USER_PASSWORD_AUTH (what an app does; no IAM needed).
    User,
    /// InitiateAuth with USER_SRP_AUTH: the password is proven, never sent (what clients made
    /// in the AWS console allow by default).
    Srp,
    /// InitiateAuth with USER_AUTH: choice-based sign-in (password, SRP, a code by email or
    /// SMS, a passkey), as the pool and the user allow.
    Choice,
    /// InitiateAuth with CUSTOM_AUTH: the pool's Lambda triggers ask their own challenges.
    Custom,
}

impl AuthFlow {
    /// cognitui's order of preference among the flows an app client allows: the admin flow
    /// (IAM, no app secret on the wire), then SRP (the password never leaves this computer).
    pub const PREFERENCE: [Self; 5] = [
        Self::Admin,
        Self::Srp,
        Self::User,
        Self::Choice,
        Self::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "ADMIN_USER_PASSWORD_AUTH",
            Self::User => "USER_PASSWORD_AUTH",
            Self::Srp => "USER_SRP_AUTH",
            Self::Choice => "USER_AUTH",
            Self::Custom => "CUSTOM_AUTH",
        }
    }

    /// Whether challenges are answered as admin (AdminRespondToAuthChallenge).
    pub fn admin(self) -> bool {
        self == Self::Admin
    }

    /// Whether the flow cannot start without the user's password.
    pub fn needs_password(self) -> bool {
        matches!(self, Self::Admin | Self::User | Self::Srp)
    }

    /// The sign-in flows an app client allows, from its ExplicitAuthFlows. A client that
    /// lists none allows Cognito's defaults (USER_SRP_AUTH and CUSTOM_AUTH); the legacy values
    /// (`ADMIN_NO_SRP_AUTH`, `USER_PASSWORD_AUTH`) always allowed SRP too, unless
    /// `CUSTOM_AUTH_FLOW_ONLY`.
    pub fn allowed(explicit: &[&str]) -> AuthFlows {
        let mut flows: Vec<Self> = explicit
            .iter()
            .filter_map(|name| match *name {
                "ALLOW_ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH" => Some(Self::Admin),
                "ALLOW_USER_PASSWORD_AUTH" | "USER_PASSWORD_AUTH" => Some(Self::User),
                "ALLOW_USER_SRP_AUTH" => Some(Self::Srp),
                "ALLOW_USER_AUTH" => Some(Self::Choice),
                "ALLOW_CUSTOM_AUTH" | "CUSTOM_AUTH_FLOW_ONLY" => Some(Self::Custom),
                _ => None,
            })
            .collect();
        let legacy = explicit
            .iter()
            .any(|n| matches!(*n, "ADMIN_NO_SRP_AUTH" | "USER_PASSWORD_AUTH"));
        if explicit.is_empty() {
            flows = vec![Self::Srp, Self::Custom];
        } else if legacy && !explicit.contains(&"CUSTOM_AUTH_FLOW_ONLY") {
            flows.push(Self::Srp);
        }
        flows.into_iter().collect()
    }

    fn bit(self) -> u8 {
        match self {
            Self::Admin => 1,
            Self::User => 2,
            Self::Srp => 4,
            Self::Choice => 8,
            Self::Custom => 16,
        }
    }
}

/// A set of sign-in flows (those an app client allows); empty when not known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuthFlows(u8);

impl AuthFlows {
    pub fn contains(self, flow: AuthFlow) -> bool {
        self.0 & flow.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The flows in cognitui's order of preference.
    pub fn to_vec(self) -> Vec<AuthFlow> {
        AuthFlow::PREFERENCE
            .into_iter()
            .filter(|f| self.contains(*f))
            .collect()
    }
}

impl FromIterator<AuthFlow> for AuthFlows {
    fn from_iter<I: IntoIterator<Item = AuthFlow>>(flows: I) -> Self {
        Self(flows.into_iter().fold(0, |bits, f| bits | f.bit()))
    }
}
