//! Which URL a client sends to: an explicit override, the
//! `AWS_ENDPOINT_URL*` settings, or the service's regional endpoint.

use super::EndpointError;

/// Endpoint settings gathered by the config; resolved per service when a
/// client is created (the service id is known only then).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct EndpointSources {
    /// `ConfigBuilder::endpoint_url`.
    pub explicit: Option<String>,
    /// Every `AWS_ENDPOINT_URL_<SUFFIX>` variable: (suffix, url).
    pub env_services: Vec<(String, String)>,
    /// `AWS_ENDPOINT_URL`.
    pub env_global: Option<String>,
    /// The profile's `endpoint_url`.
    pub profile_global: Option<String>,
}

/// The suffix of a service's endpoint variable: the SDK id upper-cased with
/// spaces and hyphens as underscores (`ECR` → `ECR`, `Cost Explorer` → `COST_EXPLORER`).
pub fn env_suffix(sdk_id: &str) -> String {
    sdk_id.to_ascii_uppercase().replace([' ', '-'], "_")
}

/// The service's regional endpoint: `https://{prefix}.{region}.amazonaws.com`
/// (`.amazonaws.com.cn` in the China regions).
pub fn default_endpoint(endpoint_prefix: &str, region: &str) -> String {
    let domain = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://{endpoint_prefix}.{region}.{domain}")
}

/// Region names become part of a host name: letters, digits and hyphens only.
pub fn validate_region(region: &str) -> Result<(), EndpointError> {
    let ok = !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(EndpointError(format!(
            "invalid region {region:?}: expected something like us-east-1"
        )))
    }
}

/// The endpoint URL the user configured, in this order: explicit override,
/// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`.
pub(crate) fn configured(sources: &EndpointSources, sdk_id: &str) -> Option<String> {
    let suffix = env_suffix(sdk_id);
    sources
        .explicit
        .clone()
        .or_else(|| {
            sources
                .env_services
                .iter()
                .find(|(s, _)| *s == suffix)
                .map(|(_, u)| u.clone())
        })
        .or_else(|| sources.env_global.clone())
        .or_else(|| sources.profile_global.clone())
}

/// For a service without a rule set: the configured URL, else the regional
/// default `https://{prefix}.{region}.amazonaws.com`.
pub(crate) fn resolve(
    sources: &EndpointSources,
    region: Option<&str>,
    sdk_id: &str,
    endpoint_prefix: &str,
) -> Result<http::Uri, EndpointError> {
    let url = match configured(sources, sdk_id) {
        Some(url) => url,
        None => {
            let suffix = env_suffix(sdk_id);
            let region = region.ok_or_else(|| {
                EndpointError(format!(
                    "no region: set one on the config, in AWS_REGION, or in the profile; or give an endpoint URL (AWS_ENDPOINT_URL_{suffix})"
                ))
            })?;
            validate_region(region)?;
            default_endpoint(endpoint_prefix, region)
        }
    };
    parse_endpoint(&url)
}

/// An absolute `http` or `https` URL without query or fragment.
pub fn parse_endpoint(url: &str) -> Result<http::Uri, EndpointError> {
    let bad = |why: &str| EndpointError(format!("invalid endpoint URL {url:?}: {why}"));
    let uri: http::Uri = url
        .trim()
        .parse()
        .map_err(|e: http::uri::InvalidUri| bad(&e.to_string()))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(_) => return Err(bad("the scheme must be http or https")),
        None => return Err(bad("it needs a scheme and a host, e.g. https://host")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(bad("it has no host"));
    }
    if uri.query().is_some() {
        return Err(bad("it must not have a query"));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> EndpointSources {
        EndpointSources {
            explicit: Some("http://explicit:1".into()),
            env_services: vec![
                ("S3".into(), "http://s3:9".into()),
                ("ECR".into(), "http://ecr:2".into()),
            ],
            env_global: Some("http://global:3".into()),
            profile_global: Some("http://profile:4".into()),
        }
    }

    #[test]
    fn precedence() {
        let mut s = sources();
        let r = |s: &EndpointSources| {
            resolve(s, Some("us-east-1"), "ECR", "api.ecr")
                .unwrap()
                .to_string()
        };
        assert_eq!(r(&s), "http://explicit:1/");
        s.explicit = None;
        assert_eq!(r(&s), "http://ecr:2/");
        s.env_services.retain(|(k, _)| k != "ECR");
        assert_eq!(r(&s), "http://global:3/");
        s.env_global = None;
        assert_eq!(r(&s), "http://profile:4/");
        s.profile_global = None;
        assert_eq!(r(&s), "https://api.ecr.us-east-1.amazonaws.com/");
        assert_eq!(
            resolve(&s, Some("cn-north-1"), "ECR", "api.ecr")
                .unwrap()
                .to_string(),
            "https://api.ecr.cn-north-1.amazonaws.com.cn/"
        );
        assert_eq!(env_suffix("Cost Explorer"), "COST_EXPLORER");
        assert_eq!(env_suffix("ecr-public"), "ECR_PUBLIC");
    }

    #[test]
    fn errors() {
        let s = EndpointSources::default();
        let e = resolve(&s, None, "ECR", "api.ecr").unwrap_err().to_string();
        assert!(
            e.contains("no region") && e.contains("AWS_ENDPOINT_URL_ECR"),
            "{e}"
        );
        let e = resolve(&s, Some("us-east-1/evil"), "ECR", "api.ecr")
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid region"), "{e}");
        for (url, why) in [
            ("not a url", "invalid endpoint URL"),
            ("127.0.0.1:5000", "scheme"),
            ("ftp://host", "http or https"),
            ("http://host/?a=b", "query"),
        ] {
            let e = parse_endpoint(url).unwrap_err().to_string();
            assert!(e.contains(why), "{url}: {e}");
        }
        assert_eq!(
            parse_endpoint("http://127.0.0.1:5000").unwrap().port_u16(),
            Some(5000)
        );
        assert_eq!(parse_endpoint("https://h/base").unwrap().path(), "/base");
    }
}
