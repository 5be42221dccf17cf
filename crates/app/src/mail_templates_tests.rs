use chrono::TimeZone;

use super::*;

fn look() -> Look {
    Look {
        tenant_name: "Makler & Partner".to_owned(),
        colour: "#0b4f6c".to_owned(),
        logo_url: Some("https://portal.test/mail/logo/abc".to_owned()),
        sender: None,
        portal_url: "https://portal.test/".to_owned(),
    }
}

fn vars() -> MailVars {
    MailVars {
        name: "Erika <b>Mustermann</b>".to_owned(),
        link: Some("https://portal.test/activate/tok?a=1&b=2".to_owned()),
        expires_at: Some(Utc.with_ymd_and_hms(2026, 12, 6, 9, 30, 0).unwrap()),
        reason: Some("Keine Übereinstimmung".to_owned()),
        extra_text: Some("AGB <Stand 2026>".to_owned()),
        ..MailVars::default()
    }
}

#[test]
fn every_kind_renders_in_every_language_with_escaped_html() {
    for kind in MailKind::ALL {
        for language in Language::ALL {
            let texts = default_texts(kind, language);
            let mail = render(language, texts, &look(), &vars())
                .unwrap_or_else(|e| panic!("{kind:?} {language:?}: {e}"));
            assert!(!mail.subject.is_empty() && !mail.subject.contains('\n'));
            assert!(mail.html.contains("<!DOCTYPE html>"), "{kind:?}");
            assert!(mail.html.contains(&format!("lang=\"{}\"", language.code())));
            // The name is escaped in HTML, kept as typed in the text.
            assert!(
                mail.html.contains("Erika &lt;b&gt;Mustermann"),
                "{kind:?} {language:?}"
            );
            assert!(!mail.html.contains("<b>Mustermann"), "{kind:?}");
            assert!(
                mail.text.contains("Erika <b>Mustermann</b>"),
                "{kind:?} {language:?}"
            );
            assert!(mail.html.contains("#0b4f6c"));
            assert!(mail.html.contains("Makler &amp; Partner"));
            assert!(
                mail.text.contains("Makler & Partner"),
                "{kind:?} {language:?}"
            );
            let linked = matches!(
                kind,
                MailKind::Invitation
                    | MailKind::PasswordReset
                    | MailKind::RegistrationVerify
                    | MailKind::RegistrationRequest
                    | MailKind::EmailChangeConfirm
                    | MailKind::WebhookDisabled
                    | MailKind::ClaimReportReceived
                    | MailKind::ClaimReportConfirmation
                    | MailKind::ClaimReportCopy
                    | MailKind::ClaimReportEscalation
                    | MailKind::ClaimApprovalRequested
                    | MailKind::ClaimApprovalReturned
                    | MailKind::ClaimReportQuestion
                    | MailKind::ClaimStatusChanged
                    | MailKind::ClaimChecklistItem
            );
            assert_eq!(
                mail.text
                    .contains("https://portal.test/activate/tok?a=1&b=2"),
                linked,
                "{kind:?} {language:?}"
            );
            if linked {
                // Escaped as HTML attributes are (`/` too), decoded by the client.
                assert!(mail.html.contains("tok?a=1&amp;b=2\""), "{}", mail.html);
            }
        }
    }
}

#[test]
fn the_languages_differ_and_expiry_is_written_their_way() {
    let subjects: std::collections::HashSet<&str> = Language::ALL
        .into_iter()
        .map(|l| default_texts(MailKind::Invitation, l).subject)
        .collect();
    assert_eq!(subjects.len(), 4);
    let mail = render(
        Language::De,
        default_texts(MailKind::Invitation, Language::De),
        &look(),
        &vars(),
    )
    .unwrap();
    assert!(mail.text.contains("06.12.2026, 09:30 UTC"), "{}", mail.text);
}

#[test]
fn a_broken_or_unknown_variable_is_an_error_naming_the_part() {
    let texts = Texts {
        subject: "Hallo {{ name }}",
        html: "<p>{{ nmae }}</p>",
        text: "ok",
    };
    let err = render(Language::De, texts, &look(), &vars()).unwrap_err();
    assert_eq!(err.part, Part::Html);
    let texts = Texts {
        subject: "Hallo {% if %}",
        html: "<p></p>",
        text: "ok",
    };
    let err = render(Language::De, texts, &look(), &vars()).unwrap_err();
    assert_eq!(err.part, Part::Subject);
    assert!(!err.message.is_empty());
}

#[test]
fn kinds_round_trip_and_senders_are_quoted() {
    for kind in MailKind::ALL {
        assert_eq!(MailKind::parse(kind.code()), Some(kind));
    }
    let sender = editing::SenderSetting {
        name: "Müller, \"Makler\"".to_owned(),
        address: "info@makler.test".to_owned(),
    };
    assert_eq!(
        sender.mailbox().unwrap(),
        "\"Müller, \\\"Makler\\\"\" <info@makler.test>"
    );
    assert!(editing::plausible_email("a.b@c.de"));
    assert!(!editing::plausible_email("a@b"));
    assert!(!editing::plausible_email("x <a@b.de>"));
}

/// Every mail kind ships in all four languages, each its own translation
/// (no language falls back to another's text), and every folder of
/// defaults under `crates/app/mail` belongs to a kind.
#[test]
fn every_kind_has_all_four_languages_of_its_own() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("mail");
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut kinds: Vec<String> = MailKind::ALL.iter().map(|k| k.code().to_owned()).collect();
    kinds.sort();
    assert_eq!(folders, kinds);
    for kind in MailKind::ALL {
        for language in Language::ALL {
            for part in ["subject", "html", "txt"] {
                let file = dir
                    .join(kind.code())
                    .join(format!("{}.{part}", language.code()));
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                assert!(
                    !text.trim().is_empty(),
                    "{} is missing or empty",
                    file.display()
                );
            }
        }
        for part in [0, 1, 2] {
            let distinct: std::collections::HashSet<&str> = Language::ALL
                .into_iter()
                .map(|l| {
                    let t = default_texts(kind, l);
                    [t.subject, t.html, t.text][part]
                })
                .collect();
            assert_eq!(
                distinct.len(),
                4,
                "{kind:?}: part {part} repeats a language"
            );
        }
    }
}
