//! Describes a table, writes an item and queries it back, with the
//! DynamoDB client apigen generates; configuration from the environment.
use dynamodb::types::AttributeValue;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let client = dynamodb::Client::from_conf(dynamodb::Config::from_env());
        let table = std::env::args().nth(1).unwrap_or_else(|| "demo".to_string());
        match client.describe_table().table_name(&table).send().await {
            Ok(out) => println!("{:?}", out.table().and_then(|t| t.table_status())),
            Err(e) => eprintln!("describe_table: {e}"),
        }
        let put = client
            .put_item()
            .table_name(&table)
            .item("pk", AttributeValue::S("demo".into()))
            .send()
            .await;
        if let Err(e) = put {
            eprintln!("put_item: {e}");
        }
        match client
            .query()
            .table_name(&table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", AttributeValue::S("demo".into()))
            .send()
            .await
        {
            Ok(out) => println!("{} items", out.items().len()),
            Err(e) => eprintln!("query: {e}"),
        }
    });
}
