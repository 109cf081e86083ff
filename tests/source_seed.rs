//! The seed cable (05ALMATY1938, a partial extract in Markdown) must read as the plain cable.
//!
//! The expected text is written out here from the seed's own words: Markdown links become their
//! text, the hard line break of the subject a newline, and the blocks stay separated by one blank
//! line, with the paragraph numbers `11.` … `19.` as written and the blank line inside ¶17 kept.

use cablegram::source::{read_path, Container};
use std::path::Path;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/05ALMATY1938-partial.md"
);

/// The cable's header lines, one block each.
const HEADER: [&str; 7] = [
    "This record is a partial extract of the original cable. The full text of the original cable is not available.",
    "UNCLAS ALMATY 001938",
    "SIPDIS",
    "SENSITIVE",
    "E.O. 12958: N/A",
    "TAGS: PREL PHUM KDEM KZ POLITICAL",
    "SUBJECT: KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION\nDECISION",
];

/// The body's blocks: paragraphs 11 to 19 (¶17 in two parts around its blank line).
const BODY: [&str; 10] = [
    r#"11. (SBU) Summary. On May 19, Charge briefed Deputy Foreign Minister Aleksey Volkov on the Department's decision to request a national security interest waiver of Section 578's requirement (Foreign Operations) that Kazakhstan demonstrate significant progress on human rights in order to continue funding for a range of U.S. assistance activities. Volkov went to great lengths to express "disappointment" with the determination and called it a "step backward" in the bilateral relationship. The certification decision, he maintained, was a "black mark" which would damage Kazakhstan's chances to gain the OSCE Chairmanship in 2009. The DFM insisted that security would continue to be Kazakhstan's first priority. End Summary."#,
    r#"12. (SBU) Charge briefed DFM Volkov on events that led to the Secretary's decision to request a national security interest waiver rather than certification for Kazakhstan. While there had been a few bright spots since last year's certification, unfortunately numerous negative developments made it impossible for the Secretary to certify that Kazakhstan was making "significant" progress in improving human rights. He noted that the flawed September 2004 parliamentary elections, the liquidation of opposition party Democratic Choice of Kazakhstan (DCK), the electoral law amendment restricting the right of assembly following elections, the closing of opposition newspaper "Respublica," the continuing harassment of NGOs, and limitations on the parole status of Galhymzhan Zhakyanov had all contributed significantly to the decision."#,
    r#"13. (SBU) Charge highlighted the strong relationship between the two countries and the ability to speak frankly with a partner. The United States wanted to look forward and work with Kazakhstan to avoid a similar decision on Cooperative Threat Reduction assistance. Emphasizing U.S. respect for Kazakhstani sovereignty, Charge outlined a number of areas where important progress on human rights was within reach, and encouraged the DFM to view the areas as guideposts. He noted that certification decisions were not permanent. (Note: Charge passed a non-paper with the benchmarks along with other background materials at the end of the meeting.)"#,
    r#"14. (SBU) Volkov spent considerable time relaying Kazakhstan's "disappointment" with the decision. There had been other years, he said, with difficulties where certification had been possible -- why not this year? President Nazarbayev had just signed a foreign policy decree for release on June 7, designating the United States as a strategic partner. The decision not to certify ran counter to establishing such a relationship and provided support to "destructive forces" in Kazakhstan. Astana's bid for the OSCE Chairmanship in 2009, Volkov maintained, had been damaged. News of non-certification would almost certainly generate a "lively" reaction in the press and from government figures. The opposition would undoubtedly take great pleasure in the decision, seeing it as a "black mark" against Kazakhstan."#,
    r#"15. (SBU) As President Nazarbayev travels around Kazakhstan, Volkov continued, he meets people who are happy and don't want to see a repetition of the unrest and violence that have marked Uzbekistan and Kyrgyzstan. Security is the primary concern, the DFM said, of the public and the government. Astana foresaw trouble ahead in the next 2-3 years in Tajikistan and Turkmenistan and would not take any risks with Kazakhstan's stability. Kazakhstan wants a leadership role that strengthens the region, but the U.S. decision had undermined that concept."#,
    r#"16. (SBU) Guaranteeing Kazakhstan's security, Volkov insisted, will be made without reference to the views of "outsiders." He argued the United States had not consulted others on its security after September 11. Astana's felt strongly that NGOs had to be accountable for their activities and that this was the goal behind the draft NGO law."#,
    r#"17. (SBU) Charge said that the impact of the NGO draft law could make it all but impossible for U.S. funded NGOs to operate in Kazakhstan. He asked rhetorically if that was really what the GOK wanted, given the fact that such"#,
    r#"assistance directly supported the goals the President had annunciated in his state of the nation address. The Charge added that the best way for Kazakhstan to distinguish itself from its neighbors was to conduct fair presidential elections in 2006, and adopt proposals in the benchmark document. Much had already been done on political and economic reform, but President Nazarbayev, the Charge pressed, had an opportunity to parlay his popularity into a secure Kazakhstan that also fully respected civil liberties."#,
    r#"18. (SBU) Charge concluded that the United States wanted a dialogue that would lead to progress in the area of human rights, much as had happened in the past with Kazakhstan's advances in addressing the problem of trafficking in persons. For this reason, the Secretary was requesting a waiver of the certification requirement so that assistance programs could continue. Such assistance benefited not only U.S. national security interests, but also supported the ambitious goals the President had set for his country. Ultimately, whether Kazakhstan achieved these goals, including the OSCE chairmanship, depended on its deeds and not just rhetoric."#,
    r#"19. (SBU) Comment: Volkov seemed genuinely surprised by our certification decision, despite the fact that Ambassador Ordway had clearly informed Foreign Minister Tokayev last week that this outcome was all but certain. Volkov's reaction made it clear just how seriously the GOK views the issue of waiver vs. certification in terms of former's impact on Kazakhstan's international image and its aspirations to regional leadership."#,
];

/// The signature and end marker.
const TRAILER: [&str; 2] = ["ASQUINO", "NNNN"];

fn expected() -> String {
    let blocks: Vec<&str> = HEADER
        .iter()
        .chain(&BODY)
        .chain(&TRAILER)
        .copied()
        .collect();
    blocks.join("\n\n") + "\n"
}

#[test]
fn seed_reads_as_the_plain_cable() {
    let path = Path::new(SEED);
    let docs: Vec<_> = read_path(path, None).expect("the seed opens").collect();
    assert_eq!(docs.len(), 1);
    let doc = docs.into_iter().next().unwrap().expect("the seed reads");
    assert_eq!(doc.source.container, Container::Markdown);
    assert_eq!(doc.source.encoding.as_deref(), Some("utf-8"));
    assert!(doc.source.metadata.is_empty(), "{:?}", doc.source.metadata);
    let expected = expected();
    if doc.text != expected {
        for (i, (a, b)) in doc.text.lines().zip(expected.lines()).enumerate() {
            assert_eq!(a, b, "first difference at line {}", i + 1);
        }
    }
    assert_eq!(doc.text, expected);
}

#[test]
fn seed_details() {
    let doc = read_path(Path::new(SEED), Some(Container::Markdown))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let text = doc.text;
    assert!(!text.contains("](#)") && !text.contains('[') && !text.contains("  \n"));
    assert!(text.contains("\nTAGS: PREL PHUM KDEM KZ POLITICAL\n"));
    assert!(text.contains("CERTIFICATION\nDECISION\n\n11. (SBU) Summary."));
    assert!(text.contains("given the fact that such\n\nassistance directly supported"));
    let numbers: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once(". (SBU)").map(|(n, _)| n))
        .collect();
    assert_eq!(
        numbers,
        ["11", "12", "13", "14", "15", "16", "17", "18", "19"]
    );
    assert!(text.ends_with("\n\nASQUINO\n\nNNNN\n"));
}
