//! `aws.partition`: the AWS partitions data (`data/partitions.json`, as the
//! Smithy rules engine ships it), parsed once on first use.
//!
//! A region belongs to the partition that lists it; otherwise to the first
//! partition whose `regionRegex` matches it (the match is "inferred");
//! otherwise, inferred too, to the `aws` partition.

use super::EndpointError;
use crate::Document;
use regress::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

const PARTITIONS_JSON: &str = include_str!("../../data/partitions.json");

/// One partition's outputs: what `aws.partition` returns.
#[derive(Debug)]
pub(super) struct Partition {
    /// The partition's id (`aws`, `aws-cn`, …): the `name` attribute.
    pub name: String,
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
    region_regex: Regex,
}

/// AWS partitions data: what `aws.partition` reads. [`RuleSet::resolve`]
/// uses the data shipped with this crate ([`Partitions::shipped`]);
/// [`RuleSet::resolve_with`] takes other data, e.g. a newer
/// `partitions.json`.
///
/// [`RuleSet::resolve`]: super::RuleSet::resolve
/// [`RuleSet::resolve_with`]: super::RuleSet::resolve_with
#[derive(Debug)]
pub struct Partitions {
    partitions: Vec<Partition>,
    /// Explicitly listed regions → index into `partitions`.
    regions: HashMap<String, usize>,
    aws: Option<usize>,
}

impl Partitions {
    /// The data shipped with this crate (`data/partitions.json`), parsed
    /// on first use.
    pub fn shipped() -> Result<&'static Partitions, EndpointError> {
        static PARSED: OnceLock<Result<Partitions, EndpointError>> = OnceLock::new();
        PARSED
            .get_or_init(|| Partitions::parse(PARTITIONS_JSON))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses a `partitions.json` document (`{"partitions": [{"id",
    /// "regionRegex", "regions", "outputs"}, …]}`).
    pub fn parse(json: &str) -> Result<Partitions, EndpointError> {
        Partitions::parse_text(json).map_err(EndpointError)
    }

    fn parse_text(json: &str) -> Result<Partitions, String> {
        let doc: Document = crate::wire::from_json_str(json)
            .map_err(|e| format!("invalid partitions data: not valid JSON: {e}"))?;
        let list = doc
            .as_object()
            .and_then(|o| o.get("partitions"))
            .and_then(Document::as_array)
            .ok_or("invalid partitions data: no `partitions` array")?;
        let mut partitions = Vec::with_capacity(list.len());
        let mut regions = HashMap::new();
        let mut aws = None;
        for (i, p) in list.iter().enumerate() {
            let bad = |what: &str| format!("invalid partitions data: partitions[{i}]: {what}");
            let p = p.as_object().ok_or_else(|| bad("not an object"))?;
            let text = |o: &HashMap<String, Document>, key: &str| {
                o.get(key)
                    .and_then(Document::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| bad(&format!("`{key}` is missing or not a string")))
            };
            let flag = |o: &HashMap<String, Document>, key: &str| {
                o.get(key)
                    .and_then(Document::as_bool)
                    .ok_or_else(|| bad(&format!("`{key}` is missing or not a boolean")))
            };
            let id = text(p, "id")?;
            let regex = text(p, "regionRegex")?;
            // `matches()` in the reference implementation: the whole region.
            // Without the `u` flag: the data writes `\-` (Annex B syntax).
            let region_regex = Regex::new(&format!("^(?:{regex})$"))
                .map_err(|e| bad(&format!("invalid regionRegex: {e}")))?;
            let outputs = p
                .get("outputs")
                .and_then(Document::as_object)
                .ok_or_else(|| bad("`outputs` is missing or not an object"))?;
            if let Some(listed) = p.get("regions").and_then(Document::as_object) {
                for region in listed.keys() {
                    regions.insert(region.clone(), i);
                }
            }
            if id == "aws" {
                aws = Some(i);
            }
            partitions.push(Partition {
                dns_suffix: text(outputs, "dnsSuffix")?,
                dual_stack_dns_suffix: text(outputs, "dualStackDnsSuffix")?,
                supports_fips: flag(outputs, "supportsFIPS")?,
                supports_dual_stack: flag(outputs, "supportsDualStack")?,
                implicit_global_region: text(outputs, "implicitGlobalRegion")?,
                region_regex,
                name: id,
            });
        }
        Ok(Partitions {
            partitions,
            regions,
            aws,
        })
    }

    /// The partition of `region`, and whether it was inferred (not listed).
    pub(super) fn lookup(&self, region: &str) -> Option<(&Partition, bool)> {
        if let Some(&i) = self.regions.get(region) {
            return Some((&self.partitions[i], false));
        }
        self.partitions
            .iter()
            .find(|p| p.region_regex.find(region).is_some())
            .or_else(|| self.aws.map(|i| &self.partitions[i]))
            .map(|p| (p, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(region: &str) -> (&'static str, bool) {
        let (p, inferred) = Partitions::shipped().unwrap().lookup(region).unwrap();
        (p.name.as_str(), inferred)
    }

    #[test]
    fn shipped_data_parses() {
        let all = Partitions::shipped().unwrap();
        assert!(all.partitions.len() >= 8);
        let (aws, _) = all.lookup("us-east-1").unwrap();
        assert_eq!(aws.dns_suffix, "amazonaws.com");
        assert_eq!(aws.dual_stack_dns_suffix, "api.aws");
        assert_eq!(aws.implicit_global_region, "us-east-1");
        assert!(aws.supports_fips && aws.supports_dual_stack);
        let (cn, _) = all.lookup("cn-north-1").unwrap();
        assert_eq!(cn.dns_suffix, "amazonaws.com.cn");
    }

    #[test]
    fn matching() {
        // Listed regions, including global pseudo-regions.
        assert_eq!(name("us-east-1"), ("aws", false));
        assert_eq!(name("aws-global"), ("aws", false));
        assert_eq!(name("us-gov-west-1"), ("aws-us-gov", false));
        assert_eq!(name("aws-cn-global"), ("aws-cn", false));
        assert_eq!(name("us-isob-east-1"), ("aws-iso-b", false));
        // Inferred from regionRegex, matched whole.
        assert_eq!(name("us-west-9"), ("aws", true));
        assert_eq!(name("cn-south-7"), ("aws-cn", true));
        assert_eq!(name("us-gov-south-3"), ("aws-us-gov", true));
        assert_eq!(name("us-iso-north-2"), ("aws-iso", true));
        assert_eq!(name("eusc-de-north-1"), ("aws-eusc", true));
        assert_eq!(name("xcn-south-7"), ("aws", true));
        assert_eq!(name("cn-south-7x"), ("aws", true));
        // Anything else: the `aws` partition.
        assert_eq!(name("mars-east-1"), ("aws", true));
        assert_eq!(name("invalid-region 42"), ("aws", true));
        assert_eq!(name(""), ("aws", true));
    }

    #[test]
    fn bad_data() {
        assert!(Partitions::parse("[").is_err());
        assert!(Partitions::parse("{}")
            .unwrap_err()
            .to_string()
            .contains("partitions"));
        let e = Partitions::parse(r#"{"partitions":[{"id":"x","regionRegex":"(","outputs":{}}]}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("regionRegex"), "{e}");
        let e =
            Partitions::parse(r#"{"partitions":[{"id":"x","regionRegex":"^x$","outputs":{}}]}"#)
                .unwrap_err()
                .to_string();
        assert!(e.contains("dnsSuffix"), "{e}");
        let empty = Partitions::parse(r#"{"partitions":[]}"#).unwrap();
        assert!(empty.lookup("us-east-1").is_none());
    }
}
