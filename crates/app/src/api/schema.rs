//! OpenAPI schemas of the records as the API answers them. A record is its
//! `…Data` (the shape it is sent in) plus `external_id`, `created_at` and
//! `updated_at`. The derive would express the flattened data as `allOf`
//! with the data's schema, whose `additionalProperties: false` (the data
//! refuses unknown fields) would then refuse the three added fields; so
//! the record's schema is the data's object with those fields merged in.

use utoipa::PartialSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};

fn text(description: &str, format: Option<KnownFormat>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(format.map(SchemaFormat::KnownFormat))
        .description(Some(description))
        .into()
}

/// The schema of a record whose data is `T`.
pub fn record<T: PartialSchema>() -> RefOr<Schema> {
    with_fields::<T>("external_id", "The back office's id of the record.")
}

/// The schema of the tenant as read: its data plus its (read-only) key.
pub fn tenant<T: PartialSchema>() -> RefOr<Schema> {
    with_fields::<T>("key", "The tenant's key (read-only).")
}

/// `T`'s object with the identifying field and the two times merged in.
fn with_fields<T: PartialSchema>(id: &str, id_description: &str) -> RefOr<Schema> {
    let RefOr::T(Schema::Object(mut object)) = T::schema() else {
        return T::schema();
    };
    let added = [
        (id, text(id_description, None)),
        (
            "created_at",
            text(
                "When the portal first stored it.",
                Some(KnownFormat::DateTime),
            ),
        ),
        (
            "updated_at",
            text("When it last changed.", Some(KnownFormat::DateTime)),
        ),
    ];
    for (name, schema) in added {
        object.properties.insert(name.to_owned(), schema);
        object.required.push(name.to_owned());
    }
    RefOr::T(Schema::Object(object))
}

/// Implements the schema traits of a record type (`…Doc`) from its data.
macro_rules! record_schema {
    ($doc:ty, $data:ty) => {
        $crate::api::schema::record_schema!($doc, $data, record);
    };
    ($doc:ty, $data:ty, $shape:ident) => {
        impl utoipa::PartialSchema for $doc {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::api::schema::$shape::<$data>()
            }
        }

        impl utoipa::ToSchema for $doc {
            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                <$data as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}

pub(crate) use record_schema;
