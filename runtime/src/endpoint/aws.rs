//! The AWS functions of the rules engine (`aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`); `aws.partition` is in `partition.rs`.

use super::functions::is_ip_address;
use std::ops::Range;

/// An ARN's parts, as ranges of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ArnParts {
    pub partition: Range<usize>,
    pub service: Range<usize>,
    pub region: Range<usize>,
    pub account_id: Range<usize>,
    /// Everything after the fifth `:`, split on `:` and `/`.
    pub resource_id: Vec<Range<usize>>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, where
/// partition, service and resource are not empty (region and account may
/// be). `None` for anything else.
pub(super) fn parse_arn(arn: &str) -> Option<ArnParts> {
    if !arn.starts_with("arn:") {
        return None;
    }
    let mut fields = [0..0, 0..0, 0..0, 0..0];
    let mut start = 4;
    for field in &mut fields {
        let colon = start + arn[start..].find(':')?;
        *field = start..colon;
        start = colon + 1;
    }
    let [partition, service, region, account_id] = fields;
    let resource = start..arn.len();
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let mut resource_id = Vec::new();
    let mut part_start = resource.start;
    for (i, b) in arn.bytes().enumerate().skip(resource.start) {
        if b == b':' || b == b'/' {
            resource_id.push(part_start..i);
            part_start = i + 1;
        }
    }
    resource_id.push(part_start..arn.len());
    Some(ArnParts {
        partition,
        service,
        region,
        account_id,
        resource_id,
    })
}

/// `aws.isVirtualHostableS3Bucket`: a bucket name that can be a host label
/// — 3 to 63 lower-case letters, digits and hyphens, starting and ending
/// with a letter or digit — or, with `allow_dots`, such names joined by
/// dots (no `..`, `.-` or `-.`) that do not look like an IPv4 address.
pub(super) fn is_virtual_hostable_s3_bucket(bucket: &str, allow_dots: bool) -> bool {
    let b = bucket.as_bytes();
    let lower_alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !(3..=63).contains(&b.len()) || !lower_alnum(b[0]) || !lower_alnum(b[b.len() - 1]) {
        return false;
    }
    if !allow_dots {
        return b.iter().all(|&c| lower_alnum(c) || c == b'-');
    }
    for pair in b.windows(2) {
        let ok = match pair[1] {
            b'.' => !matches!(pair[0], b'.' | b'-'),
            b'-' => pair[0] != b'.',
            c => lower_alnum(c),
        };
        if !ok {
            return false;
        }
    }
    !is_ip_address(bucket)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arn(s: &str) -> Option<(&str, &str, &str, &str, Vec<&str>)> {
        parse_arn(s).map(|a| {
            (
                &s[a.partition],
                &s[a.service],
                &s[a.region],
                &s[a.account_id],
                a.resource_id.into_iter().map(|r| &s[r]).collect(),
            )
        })
    }

    #[test]
    fn arns() {
        assert_eq!(
            arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name"),
            Some((
                "aws",
                "sns",
                "us-west-2",
                "012345678910",
                vec!["example-sns-topic-name"]
            ))
        );
        assert_eq!(
            arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE"),
            Some((
                "aws",
                "ec2",
                "us-east-1",
                "012345678910",
                vec!["vpc", "vpc-0e9801d129EXAMPLE"]
            ))
        );
        assert_eq!(
            arn("arn:aws:iam::012345678910:user/johndoe"),
            Some(("aws", "iam", "", "012345678910", vec!["user", "johndoe"]))
        );
        assert_eq!(
            arn("arn:aws:s3:::bucket_name"),
            Some(("aws", "s3", "", "", vec!["bucket_name"]))
        );
        assert_eq!(
            arn("arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-01234567890123456:bucket:mybucket"),
            Some((
                "aws",
                "s3-outposts",
                "us-west-2",
                "123456789012",
                vec!["outpost", "op-01234567890123456", "bucket", "mybucket"]
            ))
        );
        assert_eq!(
            arn("arn:aws:s3:us-west-2:123:accesspoint/my/ap:x"),
            Some((
                "aws",
                "s3",
                "us-west-2",
                "123",
                vec!["accesspoint", "my", "ap", "x"]
            ))
        );
        assert_eq!(
            arn("arn:aws:s3:::a//b:"),
            Some(("aws", "s3", "", "", vec!["a", "", "b", ""]))
        );
        for bad in [
            "11111111-2222-3333-4444-555555555555",
            "arn:aws:s3:us-west-2:123",
            "arn:aws:s3:us-west-2:123:",
            "arn::s3:us-west-2:123:r",
            "arn:aws::us-west-2:123:r",
            "arn:aws:s3",
            "ARN:aws:s3:::b",
            "arn:",
            "",
        ] {
            assert_eq!(arn(bad), None, "{bad}");
        }
    }

    #[test]
    fn virtual_hostable_buckets() {
        for (bucket, dots, ok) in [
            ("abc", false, true),
            ("ab", false, false),
            ("my-bucket-1", false, true),
            ("-bucket", false, false),
            ("bucket-", false, false),
            ("Bucket", false, false),
            ("buCket", false, false),
            ("bucket_name", false, false),
            ("a.b.c", false, false),
            ("a.b.c", true, true),
            ("my.bucket.name", true, true),
            ("my..bucket", true, false),
            ("my.-bucket", true, false),
            ("my-.bucket", true, false),
            ("my.bucket.", true, false),
            (".my.bucket", true, false),
            ("192.168.5.4", true, false),
            ("192.168.5.4", false, false),
            ("a-b.c-d", true, true),
            ("a.B.c", true, false),
        ] {
            assert_eq!(
                is_virtual_hostable_s3_bucket(bucket, dots),
                ok,
                "{bucket} {dots}"
            );
        }
        assert!(is_virtual_hostable_s3_bucket(&"a".repeat(63), false));
        assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
    }
}
