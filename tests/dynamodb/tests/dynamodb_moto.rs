//! The DynamoDB client generated from the official AWS model, against
//! moto's DynamoDB (run by `tests/dynamodb/run.sh`): create a table, wait
//! for it, write 250 items, read them back through the `Query` paginator
//! over several pages (map tokens: `LastEvaluatedKey`), decode a failed
//! condition to its typed error, and delete the table.

use apigen_runtime::Stream;
use dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType, TableStatus,
};
use std::pin::Pin;

fn client() -> dynamodb::Client {
    let endpoint = std::env::var("APIGEN_MOTO_ENDPOINT")
        .expect("APIGEN_MOTO_ENDPOINT names moto's server: run tests/dynamodb/run.sh");
    let config = dynamodb::Config::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(apigen_runtime::Credentials::new(
            "AKIDTEST",
            "SECRETTEST",
            None,
        ))
        .build();
    dynamodb::Client::from_conf(config)
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

#[tokio::test(flavor = "current_thread")]
async fn table_lifecycle_with_paginated_query_and_typed_errors() {
    let client = client();
    let table = "apigen-items";
    client
        .create_table()
        .table_name(table)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("sk")
                .attribute_type(ScalarAttributeType::N)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("sk")
                .key_type(KeyType::Range)
                .build()
                .unwrap(),
        )
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .expect("create table");

    // The model's waiter: DescribeTable until the table is ACTIVE.
    let ready = client
        .wait_until_table_exists()
        .table_name(table)
        .wait(std::time::Duration::from_secs(60))
        .await
        .expect("the table becomes ACTIVE");
    assert_eq!(
        ready.output().and_then(|o| o.table()).and_then(|t| t.table_status()),
        Some(&TableStatus::Active)
    );

    for i in 0..250 {
        client
            .put_item()
            .table_name(table)
            .item("pk", AttributeValue::S("user".into()))
            .item("sk", AttributeValue::N(i.to_string()))
            .item("payload", AttributeValue::S(format!("item {i}")))
            .send()
            .await
            .unwrap_or_else(|e| panic!("put item {i}: {e}"));
    }

    // Pages of 40: the paginator follows LastEvaluatedKey (a map) to the end.
    let mut pages = client
        .query()
        .table_name(table)
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(":pk", AttributeValue::S("user".into()))
        .limit(40)
        .into_paginator();
    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    while let Some(page) = next(&mut pages).await {
        let page = page.expect("a query page");
        sizes.push(page.items().len());
        for item in page.items() {
            match item.get("sk") {
                Some(AttributeValue::N(n)) => seen.push(n.parse::<u32>().unwrap()),
                other => panic!("sk is {other:?}"),
            }
        }
    }
    assert!(sizes.len() >= 7, "pages: {sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), 250, "pages: {sizes:?}");
    seen.sort_unstable();
    assert_eq!(seen, (0..250).collect::<Vec<_>>());

    // The items stream flattens the same pages.
    let mut items = client
        .query()
        .table_name(table)
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(":pk", AttributeValue::S("user".into()))
        .limit(100)
        .into_paginator()
        .items();
    let mut count = 0;
    while let Some(item) = next(&mut items).await {
        item.expect("an item");
        count += 1;
    }
    assert_eq!(count, 250);

    // A failed condition decodes to its modeled error.
    let err = client
        .put_item()
        .table_name(table)
        .item("pk", AttributeValue::S("user".into()))
        .item("sk", AttributeValue::N("7".into()))
        .condition_expression("attribute_not_exists(pk)")
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error().expect("a service error");
    assert!(err.is_conditional_check_failed_exception(), "{err:?}");

    client
        .delete_table()
        .table_name(table)
        .send()
        .await
        .expect("delete table");
    // TableNotExists succeeds on the ResourceNotFoundException a
    // DescribeTable of the deleted table gets (an errorType acceptor).
    let gone = client
        .wait_until_table_not_exists()
        .table_name(table)
        .wait(std::time::Duration::from_secs(60))
        .await
        .expect("the table is gone");
    let error = gone.error().expect("the final poll is an error");
    assert!(
        error.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()),
        "{error:?}"
    );
}
