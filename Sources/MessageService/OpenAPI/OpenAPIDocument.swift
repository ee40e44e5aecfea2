/// The API's contract, the repository's `openapi.yaml`, served at `GET /openapi.yaml`. It is compiled into
/// the binary (`OpenAPIDocument+YAML.swift`, written by `scripts/embed-openapi`), so nothing beside the
/// binary is needed at run time; a test checks that it matches the file byte for byte.
enum OpenAPIDocument {
    /// RFC 9512's media type for YAML (UTF-8, no parameters).
    static let contentType = "application/yaml"
}
