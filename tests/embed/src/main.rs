//! Builds a client from the embedded crate; compiling this is the point.

fn main() {
    let config = ecr::Config::builder().region("eu-west-1").build();
    let client = ecr::Client::from_conf(config);
    let _request = client.describe_repositories().max_results(10);
}
