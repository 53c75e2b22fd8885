//! Lists the repositories of a registry with the generated ECR client.
//!
//! Region, credentials and endpoint come from the environment, as with the
//! AWS CLI: `AWS_REGION`, `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` or
//! `~/.aws/credentials`, and `AWS_ENDPOINT_URL_ECR` for a local registry.
//!
//! ```sh
//! cargo run --example list_repositories
//! ```

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), ecr::Error> {
    let client = ecr::Client::from_conf(ecr::Config::from_env());
    let output = client
        .describe_repositories()
        .max_results(100)
        .send()
        .await?;
    for repository in output.repositories() {
        println!(
            "{}\t{}",
            repository.repository_name().unwrap_or_default(),
            repository.repository_uri().unwrap_or_default()
        );
    }
    Ok(())
}
