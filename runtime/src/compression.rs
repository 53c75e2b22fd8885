//! gzip for request bodies: what `@requestCompression` asks a client to
//! send, and what a server must accept from SDKs that do.

use std::io::{Read as _, Write as _};

/// `body` gzip-compressed (default level).
pub fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 2 + 32),
        flate2::Compression::default(),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

/// `body` decompressed, refusing more than `limit` bytes of output (a small
/// body can inflate enormously) and anything that is not gzip.
pub fn gunzip(body: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::GzDecoder::new(body).take(limit as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|e| format!("the gzip body cannot be decompressed: {e}"))?;
    if out.len() > limit {
        return Err(format!("the body decompresses to more than {limit} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limits() {
        let body = b"{\"data\":\""
            .iter()
            .chain(&[b'x'; 20_000])
            .copied()
            .collect::<Vec<_>>();
        let packed = gzip(&body);
        assert!(packed.len() < body.len() / 10);
        assert_eq!(&packed[..2], &[0x1f, 0x8b]);
        assert_eq!(gunzip(&packed, 1 << 20).unwrap(), body);
        assert!(gunzip(&packed, 1000)
            .unwrap_err()
            .contains("more than 1000"));
        assert!(gunzip(b"not gzip", 1000).is_err());
    }
}
