//! Station spellings: how REF lines write a station, and how reference ids spell it.
//!
//! A reference id is two digits of year, the station without spaces, and the serial
//! (`09USUNNEWYORK542`). REF lines write stations as the drafter did: with spaces (`TEL AVIV`),
//! under the name of the sender's title (`SECSTATE`), shortened (`USUN`, `UNVIE`), or cut to the
//! width of a classification line (`TEGUCIGALP`). [`id_station`] turns a written station into the
//! id's spelling, or `None` when it is none of the stations that sent cables.

/// Written spellings that are not the id's own, compacted (upper case, no spaces), with the
/// id's spelling. Where each comes from:
/// * `SECSTATE`: the Department signs as the Secretary (`FM SECSTATE WASHDC`); ids say `STATE`.
/// * `USUN`, `USUNNY`, `USMISSIONUSUN…`: the mission to the United Nations in New York.
/// * `UNVIE`, `USMISSIONUNVIE…`, `USUNVIE…`: the mission to the UN agencies in Vienna.
/// * `USMISSIONGENEVA`, `USMISSIONUSNATO`, `USMISSIONUSEU…`: the formal names of missions.
/// * `TEGUCIGALP`, `PORTAUPRINC`, `BANDARSERIBEGA…`, `RIODEJANEIR`: classification lines cut
///   a long name to its column width; ids keep the whole name.
/// * `SANJSE`, `SANJOSECR`: San José (Costa Rica), as the accent was lost and as it is told
///   from San José (California) in some dumps.
/// * `HOCHIMINH`, `HCMC`: the consulate general at Ho Chi Minh City (`HOCHIMINHCITY`).
/// * `USOSCE`, `USMISSIONOSCE`: the mission to the OSCE in Vienna.
/// * `AIT`, `AMERICANINSTITUTETAIWAN`: the American Institute in Taiwan (`AITTAIPEI`).
/// * `USINTHAVANA`, `USINT`: the interests section in Havana (`HAVANA`).
/// * `RPO`, `IRPO`, `IRANRPODUBAI`: the Iran Regional Presence Office in Dubai (`RPODUBAI`).
/// * `HAGUE`, `DELHI`: `THE HAGUE` and `NEW DELHI` written without their first word.
/// * `CASA`, `BASRA`: the drafters' short and older spellings of Casablanca and Basrah.
/// * `CDRUSCENTCOM`, `USCENTCOM`: not stations: absent on purpose, so they stay unknown.
const SPELLINGS: &[(&str, &str)] = &[
    ("SECSTATE", "STATE"),
    ("SECSTATEWASHDC", "STATE"),
    ("STATEWASHDC", "STATE"),
    ("DEPARTMENT", "STATE"),
    ("DEPT", "STATE"),
    ("USUN", "USUNNEWYORK"),
    ("USUNNY", "USUNNEWYORK"),
    ("USUNNEW", "USUNNEWYORK"),
    ("USMISSIONUSUNNEWYORK", "USUNNEWYORK"),
    ("USUNNEWYORKNY", "USUNNEWYORK"),
    ("UNVIE", "UNVIEVIENNA"),
    ("USUNVIE", "UNVIEVIENNA"),
    ("USUNVIEVIENNA", "UNVIEVIENNA"),
    ("USMISSIONUNVIEVIENNA", "UNVIEVIENNA"),
    ("USMISSIONUNVIE", "UNVIEVIENNA"),
    ("USMISSIONGENEVA", "GENEVA"),
    ("USMISSIONUSNATO", "USNATO"),
    ("USMISSIONUSEUBRUSSELS", "USEUBRUSSELS"),
    ("USEU", "USEUBRUSSELS"),
    ("USOSCE", "USOSCE"),
    ("USMISSIONOSCE", "USOSCE"),
    ("TEGUCIGALP", "TEGUCIGALPA"),
    ("PORTAUPRINC", "PORTAUPRINCE"),
    ("PORTOFSPAI", "PORTOFSPAIN"),
    ("RIODEJANEIR", "RIODEJANEIRO"),
    ("BANDARSERIBEGA", "BANDARSERIBEGAWAN"),
    ("BANDARSERIB", "BANDARSERIBEGAWAN"),
    ("SANJSE", "SANJOSE"),
    ("SANJOSECR", "SANJOSE"),
    ("SANTODOMING", "SANTODOMINGO"),
    ("ADDISABAB", "ADDISABABA"),
    ("KUALALUMPU", "KUALALUMPUR"),
    ("OUAGADOUGO", "OUAGADOUGOU"),
    ("ULAANBAATA", "ULAANBAATAR"),
    ("HOCHIMINH", "HOCHIMINHCITY"),
    ("HCMC", "HOCHIMINHCITY"),
    ("HOCHIMINHCIT", "HOCHIMINHCITY"),
    ("AIT", "AITTAIPEI"),
    ("AMERICANINSTITUTETAIWAN", "AITTAIPEI"),
    ("USINTHAVANA", "HAVANA"),
    ("USINT", "HAVANA"),
    ("CIUDADJUARE", "CIUDADJUAREZ"),
    ("JOHANNESBUR", "JOHANNESBURG"),
    ("GUATEMALACITY", "GUATEMALA"),
    ("MEXICOCITY", "MEXICO"),
    ("PANAMACITY", "PANAMA"),
    ("KUWAITCITY", "KUWAIT"),
    ("RPO", "RPODUBAI"),
    ("IRPO", "RPODUBAI"),
    ("IRPODUBAI", "RPODUBAI"),
    ("IRANRPODUBAI", "RPODUBAI"),
    ("HAGUE", "THEHAGUE"),
    ("DELHI", "NEWDELHI"),
    ("CASA", "CASABLANCA"),
    ("BASRA", "BASRAH"),
];

/// The stations of reference ids: US embassies, consulates, missions and the Department, as
/// the ids of the Cablegate release (1966–2010) spell them.
const STATIONS: &[&str] = &[
    "ABIDJAN",
    "ABUDHABI",
    "ABUJA",
    "ACCRA",
    "ADANA",
    "ADDISABABA",
    "AITTAIPEI",
    "ALEXANDRIA",
    "ALGIERS",
    "ALMATY",
    "AMMAN",
    "AMSTERDAM",
    "ANKARA",
    "ANTANANARIVO",
    "APIA",
    "ASHGABAT",
    "ASMARA",
    "ASTANA",
    "ASUNCION",
    "ATHENS",
    "AUCKLAND",
    "BAGHDAD",
    "BAKU",
    "BAMAKO",
    "BANDARSERIBEGAWAN",
    "BANGKOK",
    "BANGUI",
    "BANJUL",
    "BARCELONA",
    "BASRAH",
    "BEIJING",
    "BEIRUT",
    "BELFAST",
    "BELGRADE",
    "BELMOPAN",
    "BERLIN",
    "BERN",
    "BISHKEK",
    "BOGOTA",
    "BOMBAY",
    "BONN",
    "BRASILIA",
    "BRATISLAVA",
    "BRAZZAVILLE",
    "BRIDGETOWN",
    "BRUSSELS",
    "BUCHAREST",
    "BUDAPEST",
    "BUENOSAIRES",
    "BUJUMBURA",
    "CAIRO",
    "CALCUTTA",
    "CALGARY",
    "CANBERRA",
    "CAPETOWN",
    "CARACAS",
    "CASABLANCA",
    "CHENGDU",
    "CHENNAI",
    "CHIANGMAI",
    "CHISINAU",
    "CIUDADJUAREZ",
    "COLOMBO",
    "CONAKRY",
    "COPENHAGEN",
    "COTONOU",
    "CURACAO",
    "DAKAR",
    "DAMASCUS",
    "DARESSALAAM",
    "DHAHRAN",
    "DHAKA",
    "DILI",
    "DJIBOUTI",
    "DOHA",
    "DUBAI",
    "DUBLIN",
    "DURBAN",
    "DUSHANBE",
    "DUSSELDORF",
    "EFTOLONDON",
    "FLORENCE",
    "FRANKFURT",
    "FREETOWN",
    "FUKUOKA",
    "GABORONE",
    "GENEVA",
    "GEORGETOWN",
    "GUADALAJARA",
    "GUANGZHOU",
    "GUATEMALA",
    "GUAYAQUIL",
    "HALIFAX",
    "HAMBURG",
    "HAMILTON",
    "HANOI",
    "HARARE",
    "HAVANA",
    "HELSINKI",
    "HERMOSILLO",
    "HILLAH",
    "HOCHIMINHCITY",
    "HONGKONG",
    "ISLAMABAD",
    "ISTANBUL",
    "JAKARTA",
    "JEDDAH",
    "JERUSALEM",
    "JOHANNESBURG",
    "KABUL",
    "KAMPALA",
    "KARACHI",
    "KATHMANDU",
    "KHARTOUM",
    "KIGALI",
    "KINGSTON",
    "KINSHASA",
    "KIRKUK",
    "KOLKATA",
    "KOLONIA",
    "KOROR",
    "KRAKOW",
    "KUALALUMPUR",
    "KUWAIT",
    "KYIV",
    "LAGOS",
    "LAHORE",
    "LAPAZ",
    "LEIPZIG",
    "LIBREVILLE",
    "LILONGWE",
    "LIMA",
    "LISBON",
    "LJUBLJANA",
    "LOME",
    "LONDON",
    "LUANDA",
    "LUSAKA",
    "LUXEMBOURG",
    "MADRID",
    "MAJURO",
    "MALABO",
    "MANAGUA",
    "MANAMA",
    "MANILA",
    "MAPUTO",
    "MARSEILLE",
    "MASERU",
    "MATAMOROS",
    "MBABANE",
    "MELBOURNE",
    "MERIDA",
    "MEXICO",
    "MILAN",
    "MINSK",
    "MOGADISHU",
    "MONROVIA",
    "MONTERREY",
    "MONTEVIDEO",
    "MONTREAL",
    "MOSCOW",
    "MOSUL",
    "MUMBAI",
    "MUNICH",
    "MUSCAT",
    "NAGOYA",
    "NAHA",
    "NAIROBI",
    "NAPLES",
    "NASSAU",
    "NDJAMENA",
    "NEWDELHI",
    "NIAMEY",
    "NICOSIA",
    "NOGALES",
    "NOUAKCHOTT",
    "NUEVOLAREDO",
    "OSAKAKOBE",
    "OSLO",
    "OTTAWA",
    "OUAGADOUGOU",
    "PANAMA",
    "PARAMARIBO",
    "PARIS",
    "PERTH",
    "PESHAWAR",
    "PHNOMPENH",
    "PODGORICA",
    "PORTAUPRINCE",
    "PORTLOUIS",
    "PORTMORESBY",
    "PORTOALEGRE",
    "PORTOFSPAIN",
    "PRAGUE",
    "PRAIA",
    "PRETORIA",
    "PRISTINA",
    "QUEBEC",
    "QUITO",
    "RABAT",
    "RANGOON",
    "RECIFE",
    "REYKJAVIK",
    "RIGA",
    "RIODEJANEIRO",
    "RIYADH",
    "ROME",
    "RPODUBAI",
    "SANAA",
    "SANJOSE",
    "SANSALVADOR",
    "SANTIAGO",
    "SANTODOMINGO",
    "SAOPAULO",
    "SAPPORO",
    "SARAJEVO",
    "SEOUL",
    "SHANGHAI",
    "SHENYANG",
    "SINGAPORE",
    "SKOPJE",
    "SOFIA",
    "STATE",
    "STOCKHOLM",
    "STPETERSBURG",
    "STRASBOURG",
    "SURABAYA",
    "SUVA",
    "SYDNEY",
    "TAIPEI",
    "TALLINN",
    "TASHKENT",
    "TBILISI",
    "TEGUCIGALPA",
    "TEHRAN",
    "TELAVIV",
    "THEHAGUE",
    "TIJUANA",
    "TIRANA",
    "TOKYO",
    "TORONTO",
    "TRIPOLI",
    "TUNIS",
    "ULAANBAATAR",
    "UNVIEVIENNA",
    "USCGMOSCOW",
    "USDOC",
    "USEUBRUSSELS",
    "USNATO",
    "USOSCE",
    "USUNNEWYORK",
    "USUNROME",
    "VALLETTA",
    "VANCOUVER",
    "VATICAN",
    "VIENNA",
    "VIENTIANE",
    "VILNIUS",
    "VLADIVOSTOK",
    "WARSAW",
    "WELLINGTON",
    "WINDHOEK",
    "YAOUNDE",
    "YEKATERINBURG",
    "YEREVAN",
    "ZAGREB",
];

/// A station as written in a REF line, in the id's spelling: `TEL AVIV` is `TELAVIV`, `SECSTATE`
/// is `STATE`; `None` when it names none of the stations that sent cables.
pub(crate) fn id_station(written: &str) -> Option<&'static str> {
    let compact = crate::parser::interpret::compact_station(written);
    let spelled = SPELLINGS
        .iter()
        .find(|(as_written, _)| *as_written == compact)
        .map(|(_, station)| *station);
    spelled.or_else(|| {
        STATIONS
            .binary_search(&compact.as_str())
            .ok()
            .map(|i| STATIONS[i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stations_are_sorted_and_unique_for_the_binary_search() {
        assert!(
            STATIONS.windows(2).all(|w| w[0] < w[1]),
            "STATIONS out of order"
        );
    }

    #[test]
    fn every_spelling_leads_to_a_station() {
        for (written, station) in SPELLINGS {
            assert!(STATIONS.contains(station), "{written} -> {station}");
            assert!(
                !STATIONS.contains(written) || written == station,
                "{written}"
            );
        }
    }

    #[test]
    fn spellings() {
        assert_eq!(id_station("SECSTATE"), Some("STATE"));
        assert_eq!(id_station("TEL AVIV"), Some("TELAVIV"));
        assert_eq!(id_station("Tripoli"), Some("TRIPOLI"));
        assert_eq!(id_station("USUN NEW YORK"), Some("USUNNEWYORK"));
        assert_eq!(id_station("UNVIE VIENNA"), Some("UNVIEVIENNA"));
        assert_eq!(id_station("TEGUCIGALP"), Some("TEGUCIGALPA"));
        assert_eq!(id_station("IIR"), None);
        assert_eq!(id_station("EMAIL"), None);
    }
}
