//! `local-ecr`: a local Amazon ECR over HTTP (AWS JSON 1.1, SigV4).

use apigen_runtime::server::auth::{AcceptedRegions, SigV4Verifier};
use apigen_runtime::server::credential_store::SharedCredentialsFileStore;
use apigen_runtime::server::{self, Authenticator, ServeOptions, ServerOptions};
use ecr::server::EcrRouter;
use local_ecr::{Frontend, LocalEcr, Settings};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "\
usage: local-ecr (--data-dir DIR | --in-memory) [--credentials FILE | --no-auth]
                 [--listen ADDR] [--public-url URL] [--account-id ID] [--region REGION]

A local Amazon ECR speaking the AWS API (AWS JSON 1.1, SigV4-signed).

  --listen ADDR        address to listen on (default 127.0.0.1:5000; port 0 picks one)
  --public-url URL     this server's URL as clients reach it, for layer download
                       URLs and the token's proxy endpoint (default http://ADDR
                       as bound)
  --data-dir DIR       keep repositories, images and layers in DIR (durable)
  --in-memory          keep everything in memory, gone at exit
  --credentials FILE   AWS shared-credentials file: every profile's key pair is
                       accepted (default: $AWS_SHARED_CREDENTIALS_FILE, else
                       ~/.aws/credentials when it exists)
  --no-auth            accept unsigned requests (SigV4 verification off)
  --account-id ID      the registry's account id (default 000000000000)
  --region REGION      the region signatures, ARNs and URIs name (default us-east-1)
  -h, --help           this help
";

#[derive(Debug)]
struct Args {
    listen: String,
    public_url: Option<String>,
    data_dir: Option<PathBuf>,
    in_memory: bool,
    credentials: Option<PathBuf>,
    no_auth: bool,
    account_id: String,
    region: String,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse(mut argv: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut args = Args {
        listen: "127.0.0.1:5000".into(),
        public_url: None,
        data_dir: None,
        in_memory: false,
        credentials: None,
        no_auth: false,
        account_id: "000000000000".into(),
        region: "us-east-1".into(),
    };
    while let Some(arg) = argv.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone().or_else(|| argv.next()) {
                Some(v) => Ok(v),
                None => Err(format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--listen" => args.listen = value("--listen")?,
            "--public-url" => args.public_url = Some(value("--public-url")?),
            "--data-dir" => args.data_dir = Some(value("--data-dir")?.into()),
            "--credentials" => args.credentials = Some(value("--credentials")?.into()),
            "--account-id" => args.account_id = value("--account-id")?,
            "--region" => args.region = value("--region")?,
            "--in-memory" | "--no-auth" if inline.is_some() => {
                return Err(format!("{flag} takes no value"))
            }
            "--in-memory" => args.in_memory = true,
            "--no-auth" => args.no_auth = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    match (&args.data_dir, args.in_memory) {
        (Some(_), true) => return Err("--data-dir and --in-memory exclude each other".into()),
        (None, false) => {
            return Err("say where to keep the registry: --data-dir DIR or --in-memory".into())
        }
        _ => {}
    }
    if args.no_auth && args.credentials.is_some() {
        return Err("--credentials and --no-auth exclude each other".into());
    }
    if args.account_id.len() != 12 || !args.account_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "--account-id must be 12 digits, not {:?}",
            args.account_id
        ));
    }
    if let Some(url) = &args.public_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!(
                "--public-url must be an http:// or https:// URL, not {url:?}"
            ));
        }
    }
    if args.region.is_empty() {
        return Err("--region must not be empty".into());
    }
    Ok(Parsed::Run(args))
}

/// The credentials file to use: the flag's, else the environment's or the
/// default one when it exists.
fn credentials_file(args: &Args) -> Option<PathBuf> {
    if let Some(path) = &args.credentials {
        return Some(path.clone());
    }
    if let Some(path) = std::env::var_os("AWS_SHARED_CREDENTIALS_FILE") {
        return Some(path.into());
    }
    let home = std::env::var_os("HOME")?;
    let path = PathBuf::from(home).join(".aws").join("credentials");
    path.is_file().then_some(path)
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("local-ecr: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let authenticator: Option<Arc<dyn Authenticator>> = if args.no_auth {
        None
    } else {
        let Some(path) = credentials_file(&args) else {
            eprintln!(
                "local-ecr: no credentials to verify requests with: pass --credentials FILE \
                 (AWS shared-credentials format), set AWS_SHARED_CREDENTIALS_FILE, create \
                 ~/.aws/credentials, or turn verification off with --no-auth"
            );
            return ExitCode::from(2);
        };
        let store = match SharedCredentialsFileStore::load(&path) {
            Ok(store) => store,
            Err(e) => {
                eprintln!("local-ecr: {e}");
                return ExitCode::from(2);
            }
        };
        if store.is_empty() {
            eprintln!(
                "local-ecr: {} has no access key pair: every request would be refused",
                path.display()
            );
            return ExitCode::from(2);
        }
        Some(Arc::new(SigV4Verifier::new(
            store,
            "ecr",
            AcceptedRegions::one(&args.region),
        )))
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("local-ecr: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args, authenticator))
}

async fn run(args: Args, authenticator: Option<Arc<dyn Authenticator>>) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind(&args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("local-ecr: cannot listen on {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("local-ecr: {e}");
            return ExitCode::FAILURE;
        }
    };
    let settings = Settings {
        account_id: args.account_id.clone(),
        region: args.region.clone(),
        public_url: match &args.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{addr}"),
        },
    };
    let ecr = match LocalEcr::open(args.data_dir.as_deref(), settings) {
        Ok(ecr) => ecr,
        Err(e) => {
            let place = match &args.data_dir {
                Some(dir) => format!("the data directory {}", dir.display()),
                None => "the in-memory store".to_string(),
            };
            eprintln!("local-ecr: cannot open {place}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = ServerOptions {
        // A 10 MiB layer part is ~14 MiB as base64 JSON; room for larger ones.
        body_limit: 64 << 20,
        authenticator,
        ..Default::default()
    };
    let router = EcrRouter::with_options(ecr.clone(), options);
    let frontend = Frontend::new(ecr, router);
    println!("local-ecr listening on http://{addr}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    match server::serve(
        listener,
        frontend,
        ServeOptions::default(),
        server::shutdown_signal(),
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("local-ecr: serving failed: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> Result<Parsed, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn flags() {
        let Ok(Parsed::Run(a)) = parse_args(&["--in-memory", "--no-auth", "--listen=0.0.0.0:1"])
        else {
            panic!()
        };
        assert!(a.in_memory && a.no_auth);
        assert_eq!(a.listen, "0.0.0.0:1");
        assert!(matches!(parse_args(&["--help"]), Ok(Parsed::Help)));
        for bad in [
            &["--no-auth"][..],
            &["--in-memory", "--data-dir", "x"],
            &["--in-memory", "--bogus"],
            &["--in-memory", "--region"],
            &["--in-memory", "--account-id", "12"],
            &["--in-memory", "--no-auth", "--credentials", "f"],
            &["--in-memory", "--no-auth", "--public-url", "example.com"],
        ] {
            assert!(parse_args(bad).is_err(), "{bad:?}");
        }
    }
}
