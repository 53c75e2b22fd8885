//! Calls every operation of a generated OpenAPI client against Prism
//! mocking the same document. Prism answers a request it finds nothing
//! wrong with (no `sl-violations` header) with a success response the
//! document declares, so a call passes only when there is no violation and
//! the answer decodes into the operation's typed output. A typed error (a
//! declared error status, decoded) or anything else fails the run, printed
//! with the reason.
//!
//! Usage: openapi-prism DOCUMENT URL
//!        (DOCUMENT: petstore3 | petstore31 | museum | petstore-expanded | forms | unions | styles)

use apigen_runtime::http::{BoxFuture, HttpClient, HyperClient};
use apigen_runtime::TransportError;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The real transport, remembering the violations Prism reported.
struct Watched {
    inner: HyperClient,
    violations: Mutex<Vec<String>>,
}

impl HttpClient for Watched {
    fn send(
        &self,
        request: http::Request<bytes::Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<bytes::Bytes>, TransportError>> {
        let what = format!("{} {}", request.method(), request.uri());
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            if let Some(v) = response.headers().get("sl-violations") {
                let text = String::from_utf8_lossy(v.as_bytes()).into_owned();
                self.violations.lock().unwrap().push(format!("{what}: {text}"));
            }
            Ok(response)
        })
    }
}

/// The outcome of one call: typed output, typed error, or a failure.
struct Calls {
    watched: Arc<Watched>,
    failures: Vec<String>,
    passed: usize,
}

impl Calls {
    fn record(&mut self, name: &str, outcome: Result<&'static str, String>) {
        let violations: Vec<String> = std::mem::take(&mut *self.watched.violations.lock().unwrap());
        match (outcome, violations.is_empty()) {
            (Ok(kind), true) => {
                self.passed += 1;
                println!("ok   {name} ({kind})");
            }
            (Ok(_), false) => {
                println!("FAIL {name}: Prism reported {}", violations.join("; "));
                self.failures.push(name.to_string());
            }
            (Err(why), _) => {
                println!("FAIL {name}: {why} {}", violations.join("; "));
                self.failures.push(name.to_string());
            }
        }
    }
}

/// `Ok("output")`, or why the call did not give one.
macro_rules! outcome {
    ($result:expr, $error:path) => {{
        use $error as E;
        match $result {
            Ok(_) => Ok("output"),
            Err(e) => {
                let why = apigen_runtime::error::DisplayErrorContext(&e).to_string();
                match e.into_service_error() {
                Some(E::Unhandled(u)) => Err(format!("an error the document does not declare: {u}")),
                Some(typed) => Err(format!("a declared error, not a success: {typed}")),
                None => Err(format!("the call failed before a typed answer: {why}")),
                }
            }
        }
    }};
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(document), Some(url)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: openapi-prism DOCUMENT URL");
        std::process::exit(2);
    };
    let watched = Arc::new(Watched {
        inner: HyperClient::new(Duration::from_secs(5)),
        violations: Mutex::new(Vec::new()),
    });
    let config = apigen_runtime::Config::builder()
        .http_client(watched.clone())
        .endpoint_url(url)
        .bearer_token("prism-token")
        .api_key("prism-key")
        .basic_auth("prism-user", "prism-password")
        .build();
    let mut calls = Calls {
        watched,
        failures: Vec::new(),
        passed: 0,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        match document.as_str() {
            "petstore3" => petstore3_calls(config, &mut calls).await,
            "petstore-expanded" => petstore_expanded_calls(config, &mut calls).await,
            "petstore31" => petstore31_calls(config, &mut calls).await,
            "museum" => museum_calls(config, &mut calls).await,
            "forms" => forms_calls(config, &mut calls).await,
            "unions" => unions_calls(config, &mut calls).await,
            "styles" => styles_calls(config, &mut calls).await,
            other => {
                eprintln!("unknown document {other}");
                std::process::exit(2);
            }
        }
    });
    println!(
        "openapi-prism {document}: {} passed, {} failed",
        calls.passed,
        calls.failures.len()
    );
    if !calls.failures.is_empty() || calls.passed == 0 {
        std::process::exit(1);
    }
}

async fn petstore3_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use petstore3::operation::*;
    use petstore3::types::*;
    let client = petstore3::Client::from_conf(config);
    let pet = || {
        Pet::builder()
            .id(10)
            .name("doggie")
            .category(Category::builder().id(1).name("Dogs").build())
            .photo_urls("https://example.com/dog.png")
            .tags(Tag::builder().id(1).name("good").build())
            .status(PetStatus::Available)
            .build()
            .expect("a pet")
    };
    let user = || {
        User::builder()
            .id(10)
            .username("theUser")
            .first_name("John")
            .last_name("James")
            .email("john@email.com")
            .password("12345")
            .phone("12345")
            .user_status(1)
            .build()
    };
    let order = Order::builder()
        .id(10)
        .pet_id(198772)
        .quantity(7)
        .ship_date(petstore3::DateTime::from_secs(1_700_000_000))
        .status(OrderStatus::Approved)
        .complete(true)
        .build();
    let r = client.add_pet().body(pet()).send().await;
    calls.record("addPet", outcome!(r, add_pet::AddPetError));
    let r = client.update_pet().body(pet()).send().await;
    calls.record("updatePet", outcome!(r, update_pet::UpdatePetError));
    let r = client
        .find_pets_by_status()
        .status(FindPetsByStatusInputStatus::Available)
        .send()
        .await;
    calls.record("findPetsByStatus", outcome!(r, find_pets_by_status::FindPetsByStatusError));
    let r = client.find_pets_by_tags().tags("good").tags("friendly").send().await;
    calls.record("findPetsByTags", outcome!(r, find_pets_by_tags::FindPetsByTagsError));
    let r = client.get_pet_by_id().pet_id(10).send().await;
    calls.record("getPetById", outcome!(r, get_pet_by_id::GetPetByIdError));
    let r = client
        .update_pet_with_form()
        .pet_id(10)
        .name("doggie")
        .status("sold")
        .send()
        .await;
    calls.record("updatePetWithForm", outcome!(r, update_pet_with_form::UpdatePetWithFormError));
    let r = client.delete_pet().pet_id(10).api_key("prism-key").send().await;
    calls.record("deletePet", outcome!(r, delete_pet::DeletePetError));
    let r = client
        .upload_file()
        .pet_id(10)
        .additional_metadata("a photo")
        .body(petstore3::Blob::new(b"\x89PNG....".to_vec()))
        .send()
        .await;
    calls.record("uploadFile", outcome!(r, upload_file::UploadFileError));
    let r = client.get_inventory().send().await;
    calls.record("getInventory", outcome!(r, get_inventory::GetInventoryError));
    let r = client.place_order().body(order).send().await;
    calls.record("placeOrder", outcome!(r, place_order::PlaceOrderError));
    let r = client.get_order_by_id().order_id(5).send().await;
    calls.record("getOrderById", outcome!(r, get_order_by_id::GetOrderByIdError));
    let r = client.delete_order().order_id(5).send().await;
    calls.record("deleteOrder", outcome!(r, delete_order::DeleteOrderError));
    let r = client.create_user().body(user()).send().await;
    calls.record("createUser", outcome!(r, create_user::CreateUserError));
    let r = client
        .create_users_with_list_input()
        .body(user())
        .body(user())
        .send()
        .await;
    calls.record(
        "createUsersWithListInput",
        outcome!(r, create_users_with_list_input::CreateUsersWithListInputError),
    );
    let r = client.login_user().username("theUser").password("12345").send().await;
    calls.record("loginUser", outcome!(r, login_user::LoginUserError));
    let r = client.logout_user().send().await;
    calls.record("logoutUser", outcome!(r, logout_user::LogoutUserError));
    let r = client.get_user_by_name().username("theUser").send().await;
    calls.record("getUserByName", outcome!(r, get_user_by_name::GetUserByNameError));
    let r = client.update_user().username("theUser").body(user()).send().await;
    calls.record("updateUser", outcome!(r, update_user::UpdateUserError));
    let r = client.delete_user().username("theUser").send().await;
    calls.record("deleteUser", outcome!(r, delete_user::DeleteUserError));
}

async fn petstore_expanded_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use petstore_expanded::operation::*;
    let client = petstore_expanded::Client::from_conf(config);
    let r = client.find_pets().tags("dog").tags("cat").limit(10).send().await;
    calls.record("findPets", outcome!(r, find_pets::FindPetsError));
    let new_pet = petstore_expanded::types::NewPet::builder()
        .name("doggie")
        .tag("dog")
        .build()
        .expect("a pet");
    let r = client.add_pet().body(new_pet).send().await;
    calls.record("addPet", outcome!(r, add_pet::AddPetError));
    let r = client.find_pet_by_id().id(1).send().await;
    calls.record("find pet by id", outcome!(r, find_pet_by_id::FindPetByIdError));
    let r = client.delete_pet().id(1).send().await;
    calls.record("deletePet", outcome!(r, delete_pet::DeletePetError));
}

async fn petstore31_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use petstore31::operation::*;
    use petstore31::types::*;
    let client = petstore31::Client::from_conf(config);
    let pet = || {
        Pet::builder()
            .id(10)
            .name("doggie")
            .category(Category::builder().id(1).name("Dogs").build())
            .photo_urls("https://example.com/dog.png")
            .tags(Tag::builder().id(1).name("good").build())
            .status(PetStatus::Available)
            .build()
            .expect("a pet")
    };
    let r = client.add_pet().body(pet()).send().await;
    calls.record("addPet", outcome!(r, add_pet::AddPetError));
    let r = client.update_pet().body(pet()).send().await;
    calls.record("updatePet", outcome!(r, update_pet::UpdatePetError));
    let r = client
        .find_pets_by_status()
        .status(FindPetsByStatusInputStatus::Available)
        .send()
        .await;
    calls.record("findPetsByStatus", outcome!(r, find_pets_by_status::FindPetsByStatusError));
    let r = client.find_pets_by_tags().tags("good").send().await;
    calls.record("findPetsByTags", outcome!(r, find_pets_by_tags::FindPetsByTagsError));
    // This document bounds the id below 10 (`exclusiveMaximum`).
    let r = client.get_pet_by_id().pet_id(5).send().await;
    calls.record("getPetById", outcome!(r, get_pet_by_id::GetPetByIdError));
    let r = client.delete_pet().pet_id(10).api_key("prism-key").send().await;
    calls.record("deletePet", outcome!(r, delete_pet::DeletePetError));
}

async fn museum_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use museum::operation::*;
    use museum::types::*;
    let client = museum::Client::from_conf(config);
    let event_id = "dad4bce8-f5cb-4078-a211-995864315e39";
    let r = client
        .get_museum_hours()
        .start_date("2023-02-23")
        .page(2)
        .limit(15)
        .send()
        .await;
    calls.record("getMuseumHours", outcome!(r, get_museum_hours::GetMuseumHoursError));
    let r = client
        .list_special_events()
        .start_date("2023-02-23")
        .end_date("2023-04-18")
        .page(2)
        .limit(15)
        .send()
        .await;
    calls.record("listSpecialEvents", outcome!(r, list_special_events::ListSpecialEventsError));
    let event = SpecialEvent::builder()
        .name("Mermaid Treasure Identification and Analysis")
        .location("Under the seaweed")
        .event_description("Join us as we review and classify a rare collection of 20 thingamabobs.")
        .dates("2023-09-05")
        .dates("2023-09-08")
        .price(0.0)
        .build()
        .expect("an event");
    let r = client.create_special_event().body(event).send().await;
    calls.record("createSpecialEvent", outcome!(r, create_special_event::CreateSpecialEventError));
    let r = client.get_special_event().event_id(event_id).send().await;
    calls.record("getSpecialEvent", outcome!(r, get_special_event::GetSpecialEventError));
    let fields = SpecialEventFields::builder()
        .location("On the beach")
        .price(15.0)
        .build();
    let r = client
        .update_special_event()
        .event_id(event_id)
        .body(fields)
        .send()
        .await;
    calls.record("updateSpecialEvent", outcome!(r, update_special_event::UpdateSpecialEventError));
    let r = client.delete_special_event().event_id(event_id).send().await;
    calls.record("deleteSpecialEvent", outcome!(r, delete_special_event::DeleteSpecialEventError));
    let tickets = BuyMuseumTickets2::builder()
        .ticket_type(TicketType::General)
        .ticket_date("2023-09-07")
        .email("todd@example.com")
        .build()
        .expect("tickets");
    let r = client.buy_museum_tickets().body(tickets).send().await;
    calls.record("buyMuseumTickets", outcome!(r, buy_museum_tickets::BuyMuseumTicketsError));
    let r = client
        .get_ticket_code()
        .ticket_id("a54a57ca-36f8-421b-a6b4-2e8f26858a4c")
        .send()
        .await;
    calls.record("getTicketCode", outcome!(r, get_ticket_code::GetTicketCodeError));
}

async fn forms_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use forms::operation::*;
    use forms::types::*;
    let client = forms::Client::from_conf(config);
    let upload = UploadInputBody::builder()
        .file(forms::Blob::new(b"\x89PNG\r\n\x1a\n".to_vec()))
        .name("photo.png")
        .build()
        .expect("an upload");
    let r = client.upload().body(upload).send().await;
    calls.record("upload (multipart/form-data)", outcome!(r, upload::UploadError));
    let login = LoginInputBody::builder()
        .user("theUser")
        .password("p@ss word&")
        .remember(true)
        .build()
        .expect("a login");
    let r = client.login().body(login).send().await;
    calls.record("login (x-www-form-urlencoded, text/plain answer)", outcome!(r, login::LoginError));
    let order = CheckoutInputBody::builder()
        .amount(500)
        .metadata("order", "6735")
        .metadata("note", "a b&c")
        .tags("gift")
        .tags("express")
        .build()
        .expect("a checkout");
    let r = client.checkout().body(order).send().await;
    calls.record("checkout (deepObject form fields)", outcome!(r, checkout::CheckoutError));
    let patch = PatchProfileInputBody::builder().nickname("ada").build();
    let r = client.patch_profile().body(patch).send().await;
    calls.record("patchProfile (application/merge-patch+json)", outcome!(r, patch_profile::PatchProfileError));
}

/// `Ok("output")` when `check` holds for the decoded output, else why not.
fn decoded_as<T, E: std::fmt::Debug>(
    result: Result<T, E>,
    what: &str,
    check: impl FnOnce(&T) -> bool,
) -> Result<&'static str, String> {
    match result {
        Ok(out) if check(&out) => Ok("output"),
        Ok(_) => Err(format!("the answer did not decode as {what}")),
        Err(e) => Err(format!("{e:?}")),
    }
}

async fn unions_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use unions::types::*;
    let client = unions::Client::from_conf(config);
    // A discriminated oneOf: sent as the Dog's own JSON (Prism validates it
    // against the oneOf), answered with a cat told apart by `petType`.
    let dog = Dog::builder()
        .pet_type(DogPetType::Dog)
        .name("Rex")
        .bark(true)
        .build()
        .expect("a dog");
    let r = client.create_pet().body(Pet::Dog(dog)).send().await;
    calls.record(
        "createPet (discriminated oneOf)",
        decoded_as(r, "a Cat named Tom", |out| {
            matches!(out.body(), Some(Pet::Cat(c)) if c.name() == "Tom" && c.lives() == Some(9))
        }),
    );
    // A query parameter that is an anyOf of scalars, sent as its text, and
    // a deepObject one (`created[gt]=1700000000`).
    // Expanded: the customer object (after the string member is tried) and
    // a card, which must be refused as the bank account declared first.
    let r = client
        .get_charge()
        .id("ch_1")
        .version(GetChargeInputVersion::Integer(3))
        .created(GetChargeInputCreated::Object(
            GetChargeInputCreatedObject::builder().gt(1_700_000_000).build(),
        ))
        .send()
        .await;
    calls.record(
        "getCharge (anyOf expanded, oneOf by constant)",
        decoded_as(r, "an expanded customer and a card", |out| {
            out.body().is_some_and(|c| {
                matches!(c.customer(), ChargeCustomer::Customer(c) if c.email() == Some("ada@example.com"))
                    && matches!(c.source(), ChargeSource::Card(c) if c.brand() == Some("visa"))
                    && matches!(c.amount(), ChargeAmount::Integer(500))
            })
        }),
    );
    let charge = Charge::builder()
        .id("ch_2")
        .amount(ChargeAmount::String("500.00".into()))
        .customer(ChargeCustomer::String("cus_2".into()))
        .source(ChargeSource::BankAccount(
            BankAccount::builder()
                .id("ba_1")
                .object(BankAccountObject::BankAccount)
                .build()
                .expect("a bank account"),
        ))
        .build()
        .expect("a charge");
    let r = client.create_charge().body(charge).send().await;
    calls.record(
        "createCharge (anyOf sent as a string and a number-or-string)",
        decoded_as(r, "a charge with a customer id and a bank account", |out| {
            out.body().is_some_and(|c| {
                matches!(c.customer(), ChargeCustomer::String(id) if id == "cus_2")
                    && matches!(c.source(), ChargeSource::BankAccount(b) if b.bank_name() == Some("STRIPE TEST BANK"))
                    && matches!(c.amount(), ChargeAmount::String(a) if a == "500.00")
            })
        }),
    );
    // Prism answers the first success status: its body is read, and the
    // status says which answer came.
    let r = client.start_job().send().await;
    calls.record(
        "startJob (several success statuses)",
        decoded_as(r, "status 200 with its body", |out| {
            out.status() == Some(200) && out.body().is_some_and(|b| b.value() == Some(42))
        }),
    );
}

async fn styles_calls(config: apigen_runtime::Config, calls: &mut Calls) {
    use styles::operation::*;
    let client = styles::Client::from_conf(config);
    // `/users/.5/roles/;role=admin?scopes=read%20write&teams=a|b` with
    // `Cookie: theme=dark; SESSION=prism-key`: Prism fails a label path
    // without its `.`, a request without the theme cookie, and answers 401
    // without the session cookie.
    let r = client
        .get_role()
        .id(5)
        .role("admin")
        .scopes("read")
        .scopes("write")
        .teams("a")
        .teams("b")
        .theme("dark")
        .send()
        .await;
    calls.record("getRole (label and matrix path, delimited query arrays, a cookie parameter and a cookie API key)", outcome!(r, get_role::GetRoleError));
    // `/batches/1/tags/.a.b/names/;names=x;names=y/codes/;codes=p`: Prism
    // reads exploded label and matrix arrays by their style and fails one
    // written otherwise. Unexploded arrays of several items (`1,2`,
    // `;codes=p,q`) crash Prism 5's simple-style parser (`value.split is
    // not a function`), so those go with one item here; apigen's tests
    // check the delimiters they are written with.
    let r = client
        .get_batch()
        .ids(1)
        .tags("a")
        .tags("b")
        .names("x")
        .names("y")
        .codes("p")
        .send()
        .await;
    calls.record("getBatch (array path parameters: simple, label and matrix, exploded or not)", outcome!(r, get_batch::GetBatchError));
}
