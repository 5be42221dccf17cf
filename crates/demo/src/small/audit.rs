//! A few audit entries of the journeys (issue 9): Dr. B. as the Brenner
//! group's organization administrator narrowed Jens W. to the Augsburg
//! site and gave Claire D. the finance profile, and Petra S. looked at
//! the portal as Dr. B. ("view as user").

use kp_domain::PortalUserId;
use kp_storage::audit::{self, NewEntry, Who};

use super::Seeder;
use crate::DemoError;
use crate::calendar::{at, date};

pub(super) struct Who3 {
    pub stefan: PortalUserId,
    pub jens: PortalUserId,
    pub claire: PortalUserId,
}

pub(super) async fn seed(s: &mut Seeder<'_>, u: &Who3) -> Result<(), DemoError> {
    let stefan = Who {
        portal: Some(u.stefan),
        ..Who::default()
    };
    let petra_as_stefan = Who {
        staff: Some(s.base.staff.petra),
        portal: None,
        impersonated: Some(u.stefan),
    };
    let entries = [
        (
            stefan,
            "user.scope_changed",
            u.jens,
            serde_json::json!({ "objects": { "matching": "Augsburg" } }),
            (9, 1, 9),
        ),
        (
            stefan,
            "user.profile_assigned",
            u.claire,
            serde_json::json!({ "profile": "Finance only" }),
            (9, 1, 10),
        ),
        (
            petra_as_stefan,
            "view_as.started",
            u.stefan,
            serde_json::json!({}),
            (9, 25, 14),
        ),
        (
            petra_as_stefan,
            "view_as.ended",
            u.stefan,
            serde_json::json!({ "reason": "ended" }),
            (9, 25, 15),
        ),
    ];
    for (who, action, target, details, (month, day, hour)) in entries {
        audit::append(
            &mut s.tx,
            &NewEntry {
                who,
                action,
                target_kind: "portal_user",
                target_id: Some(target.0),
                ip: "192.0.2.10",
                // Seeded, not written while serving a request.
                request_id: "",
                details,
                at: at(date(2026, month, day), hour, 0),
            },
        )
        .await?;
    }
    Ok(())
}
