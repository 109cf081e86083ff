//! Shared fixtures for the converter tests: cables built by hand after real ones, until the
//! parser fills the model from `golden/*.txt`.
#![allow(dead_code)]

pub mod corpus;
pub mod golden;
pub mod outputs;
pub mod validators;

use cablegram::diagnostics::Code;
use cablegram::model::{
    Addressee, Block, Cable, Classification, Diagnostic, ExecutiveOrder, FieldSource, HeaderItem,
    HeaderKind, Level, Line, Paragraph, Reference, Role, Run, Section, Severity, Source, Span,
};
use std::collections::BTreeMap;

/// Every fixture, with a short name.
pub fn all() -> Vec<(&'static str, Cable)> {
    vec![
        ("almaty", almaty_partial()),
        ("new-delhi", new_delhi_full()),
        ("the-hague", the_hague_refs()),
        ("hostile", hostile()),
        ("odd-order", odd_order()),
        ("empty", Cable::default()),
    ]
}

fn span() -> Span {
    Span::default()
}

fn item(kind: HeaderKind, text: &str) -> HeaderItem {
    HeaderItem {
        kind,
        text: text.to_string(),
        span: span(),
    }
}

fn para(number: Option<u32>, label: &str, marking: Option<&str>, text: &str) -> Paragraph {
    Paragraph {
        number,
        label: (!label.is_empty()).then(|| label.to_string()),
        marking: marking.map(str::to_string),
        text: text.to_string(),
        roles: Vec::new(),
        markers: Vec::new(),
        span: span(),
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Addressees known by their names alone.
fn named(v: &[&str]) -> Vec<Addressee> {
    v.iter().map(|s| Addressee::named(*s)).collect()
}

/// The body: one paragraph block per paragraph, in order, between `before` and `after` blocks.
fn paragraph_blocks(n: usize) -> Vec<Block> {
    (0..n).map(|index| Block::Paragraph { index }).collect()
}

fn heading(text: &str) -> Block {
    Block::Heading {
        text: text.to_string(),
        span: span(),
    }
}

fn marker(text: &str) -> Block {
    Block::Marker {
        text: text.to_string(),
        span: span(),
    }
}

fn signature(text: &str) -> Block {
    Block::Signature {
        text: text.to_string(),
        span: span(),
    }
}

fn trailer(text: &str) -> Block {
    Block::Trailer {
        text: text.to_string(),
        span: span(),
    }
}

/// 05ALMATY1938, the seed: a partial extract, SBU markings, a summary and a comment paragraph.
pub fn almaty_partial() -> Cable {
    let texts = [
        "Summary. On May 19, Charge briefed Deputy Foreign Minister Aleksey Volkov on the Department's decision to request a national security interest waiver of Section 578's requirement (Foreign Operations) that Kazakhstan demonstrate significant progress on human rights in order to continue funding for a range of U.S. assistance activities. Volkov went to great lengths to express \"disappointment\" with the determination and called it a \"step backward\" in the bilateral relationship. End Summary.",
        "Charge briefed DFM Volkov on events that led to the Secretary's decision to request a national security interest waiver rather than certification for Kazakhstan.",
        "Charge highlighted the strong relationship between the two countries and the ability to speak frankly with a partner. (Note: Charge passed a non-paper with the benchmarks along with other background materials at the end of the meeting.)",
        "Volkov spent considerable time relaying Kazakhstan's \"disappointment\" with the decision. There had been other years, he said, with difficulties where certification had been possible -- why not this year?",
        "Comment: Volkov seemed genuinely surprised by our certification decision, despite the fact that Ambassador Ordway had clearly informed Foreign Minister Tokayev last week that this outcome was all but certain.",
    ];
    let numbers = [11u32, 12, 13, 14, 19];
    let mut paragraphs: Vec<Paragraph> = texts
        .iter()
        .zip(numbers)
        .map(|(t, n)| para(Some(n), &format!("{n}."), Some("SBU"), t))
        .collect();
    paragraphs[0].roles = vec![Role::Summary];
    paragraphs[4].roles = vec![Role::Comment];
    let mut body = paragraph_blocks(paragraphs.len());
    body.push(signature("ASQUINO"));
    body.push(trailer("NNNN"));
    Cable {
        id: Some("05ALMATY1938".into()),
        station: Some("ALMATY".into()),
        serial: Some(1938),
        partial: true,
        classification: Some(Classification {
            level: Level::Unclassified,
            text: "UNCLAS".into(),
            caveats: strings(&["SIPDIS", "SENSITIVE"]),
        }),
        tags: strings(&["PREL", "PHUM", "KDEM", "KZ", "POLITICAL"]),
        tags_normalized: strings(&["PREL", "PHUM", "KDEM", "KZ", "POLITICAL"]),
        subject: Some("KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION DECISION".into()),
        executive_order: Some(ExecutiveOrder {
            order: Some("12958".into()),
            text: "N/A".into(),
            declassify_on: None,
        }),
        paragraphs,
        signers: strings(&["ASQUINO"]),
        header: vec![
            item(
                HeaderKind::PartialNotice,
                "This record is a partial extract of the original cable. The full text of the original cable is not available.",
            ),
            item(HeaderKind::ClassificationLine, "UNCLAS ALMATY 001938"),
            item(HeaderKind::Caption, "SIPDIS"),
            item(HeaderKind::Caption, "SENSITIVE"),
            item(HeaderKind::ExecutiveOrder, "E.O. 12958: N/A"),
            item(HeaderKind::Tags, "TAGS: PREL PHUM KDEM KZ POLITICAL"),
            item(
                HeaderKind::Subject,
                "SUBJECT: KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION\nDECISION",
            ),
        ],
        body,
        source: Some(Source {
            path: Some("seed/05ALMATY1938-partial.md".into()),
            container: cablegram::source::Container::Markdown,
            index: None,
            metadata: BTreeMap::new(),
            encoding: Some("utf-8".into()),
        }),
        ..Cable::default()
    }
}

/// 06NEWDELHI5135 (PDF→text): the full routing header with TO and INFO, SECTION 01 OF 08,
/// dashed headings, a section marker inside and between paragraphs, a list inside a paragraph.
pub fn new_delhi_full() -> Cable {
    let mut paragraphs = vec![
        para(Some(1), "¶1.", Some("C"), "Summary: The National Security Advisory Board -- populated by civilians, but supported by the GOI National Security Council Secretariat -- is a little-discussed institution designed to provide creative long-term assessments to the National Security Advisor. End Summary."),
        para(Some(2), "¶2.", Some("U"), "The NSAB is a civilian body that provides inputs into national security decision-making. Its membership is a \"Who's Who\" of retired bureaucrats, diplomats, senior military officers and security officials."),
        para(Some(3), "¶3.", Some("C"), "Current NSAB member Narendra Singh Sisodia told PolOff the NSAB meets as often as 4-6 times per month for 1-2 days, at the direction of the Convenor."),
        para(Some(6), "¶6.", Some("SBU"), "The first NSAB was formed in December 1998 to consider a nuclear doctrine for India, including command and control."),
        para(Some(36), "¶36.", Some("U"), "NSAB IV (January 2003-July 2004, 15 members):\n-- RK Ahuja, former Special Secretary for Home Affairs*\n-- Ambassador CV Ranganathan, Convenor NSAB III & IV*\n-- Dr. MR Srinivasan, nuclear/space physicist*"),
        para(Some(37), "¶37.", Some("U"), "Visit New Delhi's Classified Website: (http://www.state.sgov.gov/p/sa/newdelhi/)"),
    ];
    paragraphs[0].roles = vec![Role::Summary];
    // The section marker broke into the sentence after "told PolOff".
    paragraphs[2].markers = vec![Line {
        text: "NEW DELHI 00005135  002 OF 008".into(),
        at: "Current NSAB member Narendra Singh Sisodia told PolOff".len(),
        span: span(),
    }];
    let body = vec![
        Block::Paragraph { index: 0 },
        heading("A \"Who's Who\" Eminent Persons"),
        Block::Paragraph { index: 1 },
        Block::Paragraph { index: 2 },
        heading("Nuclear, Indo-Pak Origins"),
        Block::Paragraph { index: 3 },
        marker("NEW DELHI 00005135  008 OF 008"),
        Block::Paragraph { index: 4 },
        Block::Paragraph { index: 5 },
        signature("PYATT"),
    ];
    let info = [
        "AMEMBASSY BEIJING",
        "AMEMBASSY COLOMBO",
        "AMEMBASSY DHAKA",
        "AMEMBASSY ISLAMABAD",
        "AMCONSUL MUMBAI",
        "CIA WASHDC",
        "JOINT STAFF WASHDC",
        "NSC WASHDC",
    ];
    Cable {
        id: Some("06NEWDELHI5135".into()),
        station: Some("NEW DELHI".into()),
        serial: Some(5135),
        classification: Some(Classification {
            level: Level::Confidential,
            text: "CONFIDENTIAL".into(),
            caveats: strings(&["SIPDIS", "SIPDIS", "STATE FOR INR/B"]),
        }),
        datetime: Some("2006-07-21T07:22Z".into()),
        from: Some(Addressee::named("AMEMBASSY NEW DELHI")),
        to: vec![Addressee {
            routing: Some("RUEHC".into()),
            addressee: "SECSTATE WASHDC".into(),
            precedence: Some("IMMEDIATE".into()),
            serial: Some(2621),
            text: "RUEHC/SECSTATE WASHDC IMMEDIATE 2621".into(),
        }],
        info: named(&info),
        tags: strings(&["PREL", "PGOV", "PTER", "PINR", "IN"]),
        tags_normalized: strings(&["PREL", "PGOV", "PTER", "PINR", "IN"]),
        subject: Some(
            "INDIA'S NATIONAL SECURITY ADVISORY BOARD: ADVISING THE ADVISORS".into(),
        ),
        classified_by: Some("A/PolCouns Jon Dorschner".into()),
        classified_by_name: Some("Jon Dorschner".into()),
        reasons: Some("1.4 (B, D)".into()),
        section: Some(Section {
            number: 1,
            total: 8,
        }),
        executive_order: Some(ExecutiveOrder {
            order: Some("12958".into()),
            text: "DECL: 07/11/2016".into(),
            declassify_on: Some("2016-07-11".into()),
        }),
        paragraphs,
        signers: strings(&["PYATT"]),
        header: vec![
            item(HeaderKind::TransmissionId, "VZCZCXRO7165"),
            item(HeaderKind::Routing, "OO RUEHBI RUEHCI RUEHLH RUEHPW"),
            item(HeaderKind::Originator, "DE RUEHNE #5135/01 2020722"),
            item(HeaderKind::SecurityLine, "ZNY CCCCC ZZH"),
            item(HeaderKind::DateTimeGroup, "O 210722Z JUL 06"),
            item(HeaderKind::From, "FM AMEMBASSY NEW DELHI"),
            item(HeaderKind::To, "TO RUEHC/SECSTATE WASHDC IMMEDIATE 6818"),
            item(
                HeaderKind::Info,
                "INFO RUEHBJ/AMEMBASSY BEIJING 3078\nRUEHLM/AMEMBASSY COLOMBO 6415\nRUEHKA/AMEMBASSY DHAKA 6421\nRUEHIL/AMEMBASSY ISLAMABAD 9463\nRUEHBI/AMCONSUL MUMBAI 4702\nRUEAIIA/CIA WASHDC\nRUEKJCS/JOINT STAFF WASHDC\nRHEHNSC/NSC WASHDC",
            ),
            item(
                HeaderKind::ClassificationLine,
                "CONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135 ",
            ),
            item(HeaderKind::Caption, "SIPDIS "),
            item(HeaderKind::Caption, "SIPDIS "),
            item(HeaderKind::Caption, "STATE FOR INR/B "),
            item(HeaderKind::ExecutiveOrder, "E.O. 12958: DECL: 07/11/2016 "),
            item(HeaderKind::Tags, "TAGS: PREL PGOV PTER PINR IN"),
            item(
                HeaderKind::Subject,
                "SUBJECT: INDIA'S NATIONAL SECURITY ADVISORY BOARD: ADVISING \nTHE ADVISORS ",
            ),
            item(
                HeaderKind::ClassifiedBy,
                "Classified By: A/PolCouns Jon Dorschner for Reasons 1.4 (B, D) ",
            ),
        ],
        body,
        source: Some(Source {
            path: Some(
                "corpus/paul-mathieu__cablegate-cia-analysis/06NEWDELHI5135.txt".into(),
            ),
            container: cablegram::source::Container::Text,
            index: None,
            metadata: BTreeMap::new(),
            encoding: Some("windows-1252".into()),
        }),
        ..Cable::default()
    }
}

/// 03THEHAGUE2113: letter-spaced SECRET, a lettered REF list, long captions, a wrapped
/// classified-by line, a signature with nothing after it; a warning diagnostic.
pub fn the_hague_refs() -> Cable {
    let paragraphs = vec![
        para(Some(1), "¶1.", Some("S"), "The GONL has responded to the August 19 suicide attack in Jerusalem by calling on fellow EU members and the EU Commission (via diplomatic demarche) to convene the EU clearinghouse as quickly as possible in order to move forward with designating Hamas."),
        para(Some(2), "¶2.", Some("C"), "The Presidential announcement will be sufficient to ensure the Hamas-related designations of August 21 can be considered by the clearinghouse, according to the Dutch."),
        para(Some(3), "¶3.", Some("C"), "Dutch officials were pleased by the U.S. indication (ref a) that we do not want charitable activity in the Palestinian territories to cease (ref b,c)."),
    ];
    let mut body = paragraph_blocks(paragraphs.len());
    body.push(signature("SOBEL"));
    let mut metadata = BTreeMap::new();
    metadata.insert("Classification".to_string(), "SECRET".to_string());
    metadata.insert("Origin".to_string(), "Embassy The Hague".to_string());
    metadata.insert("Created".to_string(), "2003-08-21".to_string());
    Cable {
        id: Some("03THEHAGUE2113".into()),
        station: Some("THE HAGUE".into()),
        serial: Some(2113),
        classification: Some(Classification {
            level: Level::Secret,
            text: "S E C R E T".into(),
            caveats: strings(&["SIPDIS"]),
        }),
        datetime: Some("2003-08-21".into()),
        tags: strings(&[
            "ETTC", "EFIN", "PTER", "PREL", "KVPR", "CVIS", "KPAL", "NL", "EUN",
        ]),
        tags_normalized: strings(&[
            "ETTC", "EFIN", "PTER", "PREL", "KVPR", "CVIS", "KPAL", "NL", "EUN",
        ]),
        subject: Some("TERRORIST FINANCE:THE HAGUE - NOTIFICATION OF HAMAS NAMES".into()),
        references: vec![
            Reference {
                label: Some("A".into()),
                text: "STATE 242722".into(),
                cited: None,
                cites: None,
            },
            Reference {
                label: Some("B".into()),
                text: "THE HAGUE 1548".into(),
                cited: None,
                cites: None,
            },
            Reference {
                label: Some("C".into()),
                text: "THE HAGUE 1146".into(),
                cited: None,
                cites: None,
            },
        ],
        classified_by: Some("Acting Economic Counselor Todd Kushner".into()),
        classified_by_name: Some("Todd Kushner".into()),
        reasons: Some("1.5(b) and (d)".into()),
        executive_order: Some(ExecutiveOrder {
            order: Some("12958".into()),
            text: "DECL: 08/20/2018".into(),
            declassify_on: Some("2018-08-20".into()),
        }),
        paragraphs,
        signers: strings(&["SOBEL"]),
        header: vec![
            item(HeaderKind::ClassificationLine, "S E C R E T THE HAGUE 002113 "),
            item(HeaderKind::Caption, "SIPDIS "),
            item(
                HeaderKind::Caption,
                "STATE FOR EB/ESC/ESP/GLASS, S/CT (FOX), EUR/ERA(PARKER), \nEUR/UBI (HOLLIDAY), IO/PHO (PEREZ), INR/EC ",
            ),
            item(HeaderKind::ExecutiveOrder, "E.O. 12958: DECL: 08/20/2018 "),
            item(
                HeaderKind::Tags,
                "TAGS: ETTC EFIN PTER PREL KVPR CVIS KPAL NL EUN",
            ),
            item(
                HeaderKind::Subject,
                "SUBJECT: TERRORIST FINANCE:THE HAGUE - NOTIFICATION OF \nHAMAS NAMES ",
            ),
            item(
                HeaderKind::References,
                "REF: A. STATE 242722 \n¶B. THE HAGUE 1548 \n¶C. THE HAGUE 1146 ",
            ),
            item(
                HeaderKind::ClassifiedBy,
                "Classified By: Acting Economic Counselor Todd Kushner. Reason 1.5(b) a \nnd (d) ",
            ),
        ],
        body,
        diagnostics: vec![Diagnostic {
            code: Code::ParagraphNumbers,
            severity: Severity::Warning,
            message: "classified-by line wraps inside a word".into(),
            hint: Some("\"a\\nnd\" was read as \"and\"".into()),
            span: Span {
                start: 812,
                end: 901,
                line: 30,
                column: 1,
            },
        }],
        source: Some(Source {
            path: Some("corpus/tathagata__reveal/03THEHAGUE2113.txt".into()),
            container: cablegram::source::Container::Html,
            index: Some(0),
            metadata,
            encoding: Some("utf-8".into()),
        }),
        ..Cable::default()
    }
}

/// Blocks in an unusual order: a signature before the text, headings with nothing under them,
/// an unlabelled paragraph, a trailer with no signature, and a block pointing to a paragraph that
/// does not exist (which converters report as lost).
pub fn odd_order() -> Cable {
    Cable {
        paragraphs: vec![para(
            None,
            "",
            None,
            "An unnumbered paragraph with no marking.",
        )],
        header: vec![item(HeaderKind::Unrecognized, "Cable Text:")],
        body: vec![
            signature("DRAFTED BY POL:JSMITH"),
            Block::Paragraph { index: 0 },
            heading("Empty section"),
            heading("Another empty section"),
            marker("PAGE 02"),
            trailer("End Cable Text"),
        ],
        ..Cable::default()
    }
}

/// A cable whose body points to a paragraph that does not exist.
pub fn dangling() -> Cable {
    Cable {
        body: vec![Block::Paragraph { index: 3 }],
        ..Cable::default()
    }
}

/// Text that must never become markup, in every field that holds text.
pub const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[ref]: http://evil.example/",
    "<img src=x onerror=alert(1)>",
    "]]> <![CDATA[ x ]]> <!-- c --> <?pi x?>",
    "literal &amp; &lt; &#x41; entities",
    "*bold* **strong** _em_ __u__ ~~strike~~ `code` $x^2$ {#id .cls}",
    "# not a heading",
    "1986. was a year",
    "1986) also",
    "---",
    "===",
    "***",
    "> not a quote",
    "+ not an item",
    "- not an item",
    "* not an item",
    "    four spaces of code",
    "\ta tab of code",
    "| a | b |",
    "|---|---|",
    "- [ ] not a task",
    "[^1] and [^1]: not a footnote",
    "<http://evil.example/> and https://evil.example/ auto",
    "```",
    "~~~",
    "trailing backslash \\",
    "right-to-left \u{202E}evil\u{202C} override",
    "controls \u{0}\u{1}\u{7}\u{8}\u{B}\u{C}\u{1B}[31m end",
    "\"quoted\" 'single' key: value, - dash # hash & amp",
    "CRLF line\r\nsecond line\rthird line",
    ": definition",
    "<div onclick=\"x\">",
    "![image](http://evil.example/x.png)",
];

/// A cable whose every text field carries [`HOSTILE`] strings.
pub fn hostile() -> Cable {
    let all = HOSTILE.join("\n");
    let paragraphs: Vec<Paragraph> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let n = i as u32 + 1;
            let mut p = para(Some(n), &format!("{n}."), Some("S//NF"), text);
            if i % 7 == 3 {
                p.roles = vec![Role::Quote];
            }
            if i == 0 {
                p.label = Some("<b>1.</b>".into());
                p.marking = Some("<i>C</i> & *S*".into());
            }
            if i == 1 {
                p.number = Some(1); // a duplicate number: anchors must stay unique
                p.markers = vec![Line {
                    text: "<hr> PAGE 02 ]]> 003 OF 004".into(),
                    at: 0,
                    span: span(),
                }];
            }
            p
        })
        .collect();
    let mut body = vec![heading("# <h1>Heading</h1> [x](javascript:alert(1)) #")];
    body.extend(paragraph_blocks(paragraphs.len()));
    body.insert(5, marker("---\n<script>marker</script>"));
    body.insert(9, heading("=== *** <b>second</b>"));
    body.push(signature("<script>SIGNER</script>\n- ASQUINO"));
    body.push(trailer("NNNN\n]]>\n<!-- End Cable Text -->"));
    let mut metadata = BTreeMap::new();
    metadata.insert("<key>".to_string(), "value & <b>bold</b>\u{1}".to_string());
    Cable {
        id: Some("10HOSTILE<1>&\u{1}".into()),
        station: Some("<STATION> & ]]>".into()),
        serial: Some(42),
        partial: true,
        classification: Some(Classification {
            level: Level::TopSecret,
            text: "T O P <S E C R E T>\u{202E}".into(),
            caveats: strings(&["<NOFORN>", "SIPDIS\u{1}", "\"quoted\" # caveat"]),
        }),
        datetime: Some("not a <date>".into()),
        datetime_source: Some(FieldSource::Container),
        id_source: Some(FieldSource::FileName),
        station_source: Some(FieldSource::Text),
        classification_source: Some(FieldSource::Container),
        from: Some(Addressee::named("AMEMBASSY <script>alert('from')</script>")),
        to: vec![
            Addressee {
                routing: Some("<b>RUEHC</b>".into()),
                addressee: "SECSTATE <WASHDC> & co".into(),
                precedence: Some("]]> IMMEDIATE".into()),
                serial: Some(1),
                text: "<b>RUEHC</b>/SECSTATE <WASHDC> & co ]]> IMMEDIATE 1".into(),
            },
            Addressee::named("[x](javascript:alert(1))"),
        ],
        info: named(&["*bold* info", "# info\u{0}"]),
        tags: strings(&["<PREL>", "PHUM & KDEM", "[KZ](#)", "\"POL\"\nITICAL", "- x"]),
        tags_normalized: strings(&["<PREL>", "PHUM & KDEM", "[KZ](#)", "\"POL\"\nITICAL", "- X"]),
        subject: Some(
            "<script>alert('subject')</script> & [link](http://evil) # *x*\nsecond line \u{7}"
                .into(),
        ),
        subject_marking: Some("<C>".into()),
        references: vec![
            Reference {
                label: Some("<A>".into()),
                text: "[ref]: http://evil.example/".into(),
                cited: None,
                cites: None,
            },
            Reference {
                label: None,
                text: "1986. STATE <1234>".into(),
                cited: None,
                cites: None,
            },
        ],
        classified_by: Some("<b>Ambassador</b> & co\u{1}".into()),
        classified_by_name: Some("<i>co</i>\u{1}".into()),
        reasons: Some("1.4 (b) & (d) ]]>".into()),
        section: Some(Section {
            number: 2,
            total: 3,
        }),
        executive_order: Some(ExecutiveOrder {
            order: Some("<12958>".into()),
            text: "DECL: <script>".into(),
            declassify_on: Some("2012-13-45".into()),
        }),
        paragraphs,
        signers: strings(&["<script>SIGNER</script>", "\"ASQUINO\""]),
        header: vec![
            item(
                HeaderKind::PartialNotice,
                "This record is a <partial> extract & more ]]>",
            ),
            item(HeaderKind::Wrapper, &all),
            item(
                HeaderKind::ClassificationLine,
                "T O P <S E C R E T> SECTION 02 OF 03",
            ),
            item(HeaderKind::Caption, "- SIPDIS\n1986. NOFORN"),
            item(
                HeaderKind::Subject,
                "SUBJECT: <script>alert('subject')</script>",
            ),
            item(
                HeaderKind::References,
                "REF: <A>. [ref]: http://evil.example/\n1986. STATE <1234>",
            ),
            item(
                HeaderKind::Unrecognized,
                "    <?xml version=\"1.0\"?> \u{FFFE}\u{FFFF}\u{85}\u{9F}",
            ),
        ],
        body,
        diagnostics: vec![Diagnostic {
            code: Code::NoCable,
            severity: Severity::Error,
            message: "<script>diag</script>".into(),
            hint: None,
            span: span(),
        }],
        source: Some(Source {
            path: Some("<dir>/a&b.html".into()),
            container: cablegram::source::Container::Html,
            index: Some(7),
            metadata,
            encoding: None,
        }),
    }
}

/// Every piece of cable text in a cable: the fields the converters must carry.
pub fn texts(cable: &Cable) -> Vec<String> {
    texts_with(cable, |m| m.to_string(), |l| l.to_string())
}

/// As [`texts`], with paragraph markings as `marking` writes them (`(SBU)`) and reference labels
/// as `label` writes them (`A.`).
pub fn texts_with(
    cable: &Cable,
    marking: impl Fn(&str) -> String,
    label: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    v.extend(cable.header.iter().map(|h| h.text.clone()));
    for block in &cable.body {
        match block {
            Block::Paragraph { index } => {
                let p = &cable.paragraphs[*index];
                v.extend(p.label.clone());
                v.extend(p.marking.as_deref().map(&marking));
                // The text as the writers show it: in runs, each marker where it broke in.
                for run in p.runs() {
                    match run {
                        Run::Text(text) => v.push(text.trim().to_string()),
                        Run::Marker(marker) => v.push(marker.text.clone()),
                    }
                }
            }
            Block::Heading { text, .. }
            | Block::Marker { text, .. }
            | Block::Signature { text, .. }
            | Block::Trailer { text, .. } => v.push(text.clone()),
        }
    }
    v.extend(cable.references.iter().map(|r| r.text.clone()));
    v.extend(
        cable
            .references
            .iter()
            .filter_map(|r| r.label.as_deref().map(&label)),
    );
    v.extend(cable.subject.clone());
    v
}

/// `s` as a format that cannot carry C0 controls writes it.
pub fn without_controls(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Writes a cable with a converter into a string.
pub fn render(
    converter: &dyn cablegram::converters::Converter,
    cable: &Cable,
    options: &cablegram::converters::Options,
) -> (String, cablegram::converters::Loss) {
    let mut out = Vec::new();
    let report = converter
        .write(cable, options, &mut out)
        .expect("conversion succeeds");
    (String::from_utf8(out).expect("UTF-8 output"), report)
}
