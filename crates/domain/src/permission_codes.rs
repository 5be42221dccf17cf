//! The vocabularies of permission profiles (FEATURES D2): the menu areas
//! a profile shows and the functions it allows.

use serde::{Deserialize, Serialize};

use crate::codes::{UnknownCode, code_enum};

code_enum!(
    /// An area of the portal's main menu that a permission profile can
    /// show or hide (FEATURES D2).
    MenuArea, "menu area" {
        Contracts = "contracts",
        Objects = "objects",
        Claims = "claims",
        Documents = "documents",
        Finances = "finances",
        Messages = "messages",
        Reports = "reports",
        Certificates = "certificates",
        Administration = "administration",
    }
);

code_enum!(
    /// A single function a permission profile can enable (FEATURES D2).
    Function, "function" {
        ReportClaim = "report_claim",
        SubmitClaim = "submit_claim",
        ApproveClaims = "approve_claims",
        UploadDocument = "upload_document",
        ChangeRequest = "change_request",
        SendMessage = "send_message",
        AppointmentRequest = "appointment_request",
        IssueCertificate = "issue_certificate",
        DownloadReports = "download_reports",
        ExportData = "export_data",
        ManageUsers = "manage_users",
    }
);

impl Function {
    /// The menu area a function lives in; hiding the area disables it.
    pub fn area(self) -> Option<MenuArea> {
        use Function::*;
        match self {
            ReportClaim | SubmitClaim | ApproveClaims => Some(MenuArea::Claims),
            UploadDocument => Some(MenuArea::Documents),
            SendMessage => Some(MenuArea::Messages),
            IssueCertificate => Some(MenuArea::Certificates),
            ExportData => Some(MenuArea::Reports),
            ManageUsers => Some(MenuArea::Administration),
            // Report downloads include the contract master sheet, offered
            // on the contract page: a profile without the reports menu may
            // still allow it (docs/architecture.md, decisions).
            DownloadReports => None,
            // Change and appointment requests are about the customer's own
            // data, reachable from any page.
            ChangeRequest | AppointmentRequest => None,
        }
    }
}
