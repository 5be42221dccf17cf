//! The upload routes' record ids for the IDOR harness (writes included:
//! the harness posts to the receiving routes with the form's token).

use crate::idor::{Kind, Param};

/// See `idor::PARAMS`.
pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/customers/{id}/upload", "id", Param::Id(Kind::Customer)),
    ("/contracts/{id}/upload", "id", Param::Id(Kind::Contract)),
    ("/objects/{id}/upload", "id", Param::Id(Kind::Object)),
    ("/claims/{id}/upload", "id", Param::Id(Kind::Claim)),
    ("/finances/{id}/upload", "id", Param::Id(Kind::FinanceItem)),
    ("/customers/{id}/documents", "id", Param::Id(Kind::Customer)),
    ("/contracts/{id}/documents", "id", Param::Id(Kind::Contract)),
    ("/objects/{id}/documents", "id", Param::Id(Kind::Object)),
    ("/claims/{id}/documents", "id", Param::Id(Kind::Claim)),
    (
        "/finances/{id}/documents",
        "id",
        Param::Id(Kind::FinanceItem),
    ),
];
