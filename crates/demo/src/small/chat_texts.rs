//! The chat messages of the journeys: (written by the customer, (month,
//! day, minutes after 8:00), text).

type Message = (bool, (u32, u32, u32), &'static str);

pub(super) const MARTINA: &[Message] = &[
    (
        true,
        (9, 22, 134),
        "Guten Tag, meine Werkstatt hat mir für die Inspektion 640 € mehr berechnet als im Kostenvoranschlag stand und gibt das Auto erst nach Zahlung heraus. Übernimmt meine Rechtsschutzversicherung einen Anwalt dafür?",
    ),
    (
        false,
        (9, 22, 392),
        "Liebe Frau Keller, ja: Ihr Verkehrsrechtsschutz umfasst auch Streitigkeiten aus Reparaturverträgen rund um Ihr Fahrzeug. Die Selbstbeteiligung beträgt 150 €. Sie können sich einen Anwalt frei wählen; wir holen die Deckungszusage beim Versicherer für Sie ein. Schicken Sie uns dafür bitte den Kostenvoranschlag und die Rechnung als Foto.",
    ),
    (
        true,
        (9, 22, 421),
        "Super, vielen Dank! Ich lade beides gleich hoch.",
    ),
];

pub(super) const STEFAN: &[Message] = &[
    (
        true,
        (9, 24, 75),
        "Guten Morgen Herr Richter, für die Sendung der zwei Bearbeitungszentren nach Shanghai verlangt die Bank des Käufers für das Akkreditiv ein Versicherungszertifikat über 110 % des CIF-Werts. Reicht das Zertifikat aus dem Portal dafür aus?",
    ),
    (
        false,
        (9, 24, 140),
        "Guten Morgen Dr. Bauer, ja, das Zertifikat aus dem Portal ist vom Versicherer anerkannt. Bitte tragen Sie als Versicherungswert 110 % des CIF-Werts ein und als Begünstigten die Akkreditivbank. Bei Rückfragen der Bank bin ich heute bis 18 Uhr erreichbar.",
    ),
    (
        true,
        (9, 24, 151),
        "Danke, ist erledigt – Zertifikat TC-2026-000131 liegt der Bank vor.",
    ),
];

pub(super) const JENS: &[Message] = &[
    (
        true,
        (9, 9, 45),
        "Hallo Frau Meyer, die Presse in Halle 1 steht seit gestern. Der Hersteller-Service sagt, die Hauptzylinderdichtung ist hin und die Führungen sind beschädigt. Wann kommt der Gutachter? Jeder Tag Stillstand kostet uns viel.",
    ),
    (
        false,
        (9, 9, 110),
        "Hallo Herr Wagner, der Versicherer hat das Ingenieurbüro Lindner beauftragt; der Gutachter kommt am Montag, 14.09., um 9 Uhr. Bitte die ausgebauten Teile aufbewahren und den Schaden fotografieren. Die Reparatur dürfen Sie nach der Besichtigung beauftragen.",
    ),
    (
        true,
        (9, 15, 300),
        "Gutachter war da, das Gutachten lade ich hoch, sobald wir es haben. Die Reparatur ist beauftragt.",
    ),
];

pub(super) const CLAIRE: &[Message] = &[
    (
        true,
        (9, 23, 90),
        "Bonjour, nous avons reçu une relance pour l'avis d'échéance du contrat flotte automobile. Le paiement a été lancé le 20 septembre. Pouvez-vous vérifier ?",
    ),
    (
        false,
        (9, 23, 250),
        "Bonjour Madame Dubois, merci pour votre message. Le paiement n'était pas encore visible au moment de la relance ; je vérifie avec l'assureur et vous confirme la bonne réception. Vous pouvez ignorer la relance d'ici là.",
    ),
];
