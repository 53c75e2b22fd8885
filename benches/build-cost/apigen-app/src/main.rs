//! Creates a repository, lists repositories, and pushes a manifest, with the
//! generated `ecr` crate; configuration from the environment.
fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let client = ecr::Client::from_conf(ecr::Config::from_env());
        let name = std::env::args().nth(1).unwrap_or_else(|| "demo".to_string());
        match client
            .create_repository()
            .repository_name(&name)
            .send()
            .await
        {
            Ok(out) => println!("created {:?}", out.repository().and_then(|r| r.repository_uri())),
            Err(e) => eprintln!("create_repository: {e}"),
        }
        match client.describe_repositories().max_results(20).send().await {
            Ok(out) => {
                for r in out.repositories() {
                    println!("{}", r.repository_name().unwrap_or_default());
                }
            }
            Err(e) => eprintln!("describe_repositories: {e}"),
        }
        let manifest = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}"#;
        match client
            .put_image()
            .repository_name(&name)
            .image_manifest(manifest)
            .image_tag("latest")
            .send()
            .await
        {
            Ok(out) => println!("pushed {:?}", out.image().and_then(|i| i.image_id())),
            Err(e) => eprintln!("put_image: {e}"),
        }
    });
}
