/// The MongoDB error codes the engine answers with, by name: one table instead of numbers and code names
/// written out at every throw. Codes MongoDB raises from a bare assertion have no name of their own; their
/// code name is "Location<code>", as mongod reports them.
public enum MongoErrorCode: Int32, Sendable, CaseIterable {
    case internalError = 1
    case badValue = 2
    case failedToParse = 9
    case unauthorized = 13
    case typeMismatch = 14
    case invalidLength = 16
    case illegalOperation = 20
    case namespaceNotFound = 26
    case indexNotFound = 27
    case pathNotViable = 28
    case cannotBackfillArray = 34
    case conflictingUpdateOperators = 40
    case cursorNotFound = 43
    case namespaceExists = 48
    /// A `$`-prefixed field where an update would store it (the Location16410 below is the projection one).
    case storageDollarPrefixedFieldName = 52
    case notSingleValueField = 54
    /// An empty part in an update path (the Location15998 below is the projection one).
    case updateEmptyFieldName = 56
    case commandNotFound = 59
    case immutableField = 66
    case cannotCreateIndex = 67
    case invalidOptions = 72
    case invalidNamespace = 73
    case indexOptionsConflict = 85
    case indexKeySpecsConflict = 86
    case notExactValueField = 111
    case exceededMemoryLimit = 146
    case cannotIndexParallelArrays = 171
    case invalidIndexSpecificationOption = 197
    case queryExceededMemoryLimitNoDiskUseAllowed = 292
    case bsonObjectTooLarge = 10334
    case duplicateKey = 11000
    case outOfDiskSpace = 14031
    /// `$group` with an unknown accumulator.
    case groupUnknownOperator = 15952
    /// `$group` without `_id`.
    case groupMissingID = 15955
    /// A pipeline stage that is not a one-field document.
    case stageNotOneField = 40323
    case unrecognizedPipelineStage = 40324
    case missingRequiredField = 40414
    /// An OP_MSG without `$db`.
    case missingDatabase = 40571
    case cursorInUse = 50738
    /// A negative limit, skip or batchSize.
    case negativeValue = 51024
    // Projection, path and regex errors.
    case emptyFieldName = 15998
    case dollarPrefixedFieldName = 16410
    case projectionPathCollision = 31250
    case inclusionInExclusionProjection = 31253
    case exclusionInInclusionProjection = 31254
    case emptyFieldPath = 40352
    case regexOptionsTwice = 51074
    case regexOptionsTwiceInline = 51075
    case invalidRegex = 51091
    case invalidRegexOption = 51108

    public var codeName: String {
        switch self {
        case .internalError: "InternalError"
        case .badValue: "BadValue"
        case .failedToParse: "FailedToParse"
        case .unauthorized: "Unauthorized"
        case .typeMismatch: "TypeMismatch"
        case .invalidLength: "InvalidLength"
        case .illegalOperation: "IllegalOperation"
        case .namespaceNotFound: "NamespaceNotFound"
        case .indexNotFound: "IndexNotFound"
        case .pathNotViable: "PathNotViable"
        case .cannotBackfillArray: "CannotBackfillArray"
        case .conflictingUpdateOperators: "ConflictingUpdateOperators"
        case .cursorNotFound: "CursorNotFound"
        case .namespaceExists: "NamespaceExists"
        case .storageDollarPrefixedFieldName: "DollarPrefixedFieldName"
        case .notSingleValueField: "NotSingleValueField"
        case .updateEmptyFieldName: "EmptyFieldName"
        case .commandNotFound: "CommandNotFound"
        case .immutableField: "ImmutableField"
        case .cannotCreateIndex: "CannotCreateIndex"
        case .invalidOptions: "InvalidOptions"
        case .invalidNamespace: "InvalidNamespace"
        case .indexOptionsConflict: "IndexOptionsConflict"
        case .indexKeySpecsConflict: "IndexKeySpecsConflict"
        case .notExactValueField: "NotExactValueField"
        case .exceededMemoryLimit: "ExceededMemoryLimit"
        case .cannotIndexParallelArrays: "CannotIndexParallelArrays"
        case .invalidIndexSpecificationOption: "InvalidIndexSpecificationOption"
        case .queryExceededMemoryLimitNoDiskUseAllowed: "QueryExceededMemoryLimitNoDiskUseAllowed"
        case .bsonObjectTooLarge: "BSONObjectTooLarge"
        case .duplicateKey: "DuplicateKey"
        case .outOfDiskSpace: "OutOfDiskSpace"
        case .groupUnknownOperator, .groupMissingID, .stageNotOneField, .unrecognizedPipelineStage,
             .missingRequiredField, .missingDatabase, .cursorInUse, .negativeValue, .emptyFieldName,
             .dollarPrefixedFieldName, .projectionPathCollision, .inclusionInExclusionProjection,
             .exclusionInInclusionProjection, .emptyFieldPath, .regexOptionsTwice, .regexOptionsTwiceInline,
             .invalidRegex, .invalidRegexOption:
            "Location\(rawValue)"
        }
    }
}
