$version: "2"

namespace example.pets

use aws.auth#sigv4
use aws.protocols#awsJson1_1

/// A pet store.
@awsJson1_1
@sigv4(name: "petstore")
service PetStore {
    version: "2024-01-01"
    operations: [GetPet, ListPets, CreatePet]
    errors: [ServiceFault]
}

/// Reads one pet.
@readonly
operation GetPet {
    input := {
        @required
        petId: PetId
    }
    output := {
        pet: Pet
    }
    errors: [NotFound]
}

/// Lists pets, a page at a time.
@readonly
@paginated(inputToken: "nextToken", outputToken: "nextToken", items: "pets", pageSize: "maxResults")
operation ListPets {
    input := {
        nextToken: String
        maxResults: PageSize = 10
        status: PetStatus
    }
    output := {
        nextToken: String
        @required
        pets: PetList
    }
}

/// Adds a pet.
operation CreatePet {
    input := {
        @required
        name: PetName
        status: PetStatus
        tags: TagMap
        @idempotencyToken
        clientToken: String
    }
    output := {
        @required
        pet: Pet
    }
    errors: [InvalidInput]
}

@length(min: 1, max: 64)
string PetId

@length(min: 1, max: 128)
@pattern("^[A-Za-z ]+$")
string PetName

string Breed

@range(min: 1, max: 100)
integer PageSize

enum PetStatus {
    AVAILABLE = "available"
    PENDING = "pending"
    SOLD = "sold"
}

/// A pet.
structure Pet {
    @required
    petId: PetId

    /// The pet's name.
    @required
    name: PetName

    status: PetStatus
    age: Integer
    breed: Breed
    tags: TagMap
    owner: PetOwner

    @timestampFormat("date-time")
    born: Timestamp
}

union PetOwner {
    person: String
    shelter: String
}

list PetList {
    member: Pet
}

map TagMap {
    key: String
    value: String
}

@error("client")
structure NotFound {
    message: String
}

@error("client")
structure InvalidInput {
    message: String
}

@error("server")
structure ServiceFault {
    message: String
}
