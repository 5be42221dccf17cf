//! Two-factor sign-in pages: the second step of sign-in
//! (`/login/two-factor`, and the forced enrolment), the user's own second
//! factors (`/account/two-factor…`), the broker's policy
//! (`/settings/two-factor`) and the staff reset
//! (`/staff/users/{id}/reset-two-factor`).

pub(crate) mod account;
pub(crate) mod login_step;
mod policy;
mod staff_reset;

use kp_app::totp_codes;
use serde::Serialize;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(login_step::routes())
        .merge(account::routes())
        .merge(policy::routes())
        .merge(staff_reset::routes())
}

/// The enrolment as the template shows it: the QR code as an SVG data URL
/// (the CSP allows `data:` images; no script), the secret in groups of
/// four for typing.
#[derive(Serialize, Default)]
pub(crate) struct EnrolmentView {
    qr: String,
    secret: String,
    secret_grouped: String,
}

impl From<kp_app::two_factor::manage::Enrolment> for EnrolmentView {
    fn from(e: kp_app::two_factor::manage::Enrolment) -> Self {
        let grouped = e
            .secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        EnrolmentView {
            qr: format!("data:image/svg+xml,{}", crate::pages::urlencode(&e.qr_svg)),
            secret: e.secret,
            secret_grouped: grouped,
        }
    }
}

/// Six digits for the code field's `maxlength`-free hint.
pub(crate) const CODE_DIGITS: usize = 6;
const _: () = assert!(CODE_DIGITS == 6 && totp_codes::STEP_SECS == 30);
