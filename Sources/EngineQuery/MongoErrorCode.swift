/// The MongoDB error codes the engine answers with, by name: one table instead of numbers and code names
/// written out at every throw. Codes MongoDB raises from a bare assertion have no name of their own; their
/// code name is "Location<code>", as mongod reports them.
public enum MongoErrorCode: Int32, Sendable, CaseIterable {
    case internalError = 1
    case badValue = 2
    case noSuchKey = 4
    case failedToParse = 9
    case unauthorized = 13
    case typeMismatch = 14
    case overflow = 15
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
    case invalidIdField = 53
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
    case commandNotSupported = 115
    case exceededMemoryLimit = 146
    case invalidPipelineOperator = 168
    case cannotIndexParallelArrays = 171
    case invalidIndexSpecificationOption = 197
    case notImplemented = 238
    case conversionFailure = 241
    case noQueryExecutionPlans = 291
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
    /// An unknown field in a command or stage specification.
    case unknownField = 40415
    /// An OP_MSG without `$db`.
    case missingDatabase = 40571
    /// `$changeStream` on a server that is not a replica set.
    case changeStreamNotSupported = 40573
    /// A stage such as `$collStats` that must open the pipeline found later in it.
    case notFirstStage = 40602
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
    // Text search errors.
    /// A text index prefix field holding an array.
    case textIndexArrayPrefix = 16675
    case languageOverrideNotString = 17261
    case languageOverrideUnsupported = 17262
    case unsupportedMetaArgument = 17308
    /// `{$meta: "textScore"}` in a query without `$text`.
    case textScoreUnavailable = 40218
    case illegalMetaSort = 31138
    case textMatchNotFirstStage = 17313

    // Aggregation expressions and stages.
    case lookupTooLarge = 4568
    case sortWithoutKeys = 15976
    case unwindBadSpec = 15981
    case expressionNotOneField = 15983
    case cannotConvertToDate = 16006
    case cannotConvertToString = 16007
    case wrongArgumentCount = 16020
    case dottedFieldName = 16412
    case divideByZero = 16608
    case divideNotNumeric = 16609
    case modByZero = 16610
    case modNotNumeric = 16611
    case addOneDate = 16612
    case concatNotString = 16702
    case invalidVariableName = 16867
    case invalidVariableCharacter = 16868
    case emptyVariableName = 16869
    case bareDollarPath = 16872
    case letNotObject = 16874
    case letUnknownArgument = 16875
    case letMissingVars = 16876
    case letMissingIn = 16877
    case mapNotObject = 16878
    case mapUnknownArgument = 16879
    case mapMissingInput = 16880
    case mapMissingIn = 16882
    case mapInputNotArray = 16883
    case allElementsTrueNotArray = 17040
    case anyElementTrueNotArray = 17041
    case setIsSubsetSecondNotArray = 17042
    case setUnionNotArray = 17043
    case setEqualsNotArray = 17044
    case setIsSubsetFirstNotArray = 17046
    case setIntersectionNotArray = 17047
    case setDifferenceFirstNotArray = 17048
    case setDifferenceSecondNotArray = 17049
    case condMissingIf = 17080
    case condMissingThen = 17081
    case condMissingElse = 17082
    case condUnknownArgument = 17083
    case sizeNotArray = 17124
    case undefinedVariable = 17276
    case dateFormatNotString = 18533
    case dateToStringUnknownArgument = 18534
    case unmatchedPercent = 18535
    case invalidFormatCharacter = 18536
    case yearOutOfRange = 18537
    case dateToStringMissingDate = 18628
    case dateToStringNotObject = 18629
    case filterNotObject = 28646
    case filterUnknownArgument = 28647
    case filterMissingInput = 28648
    case filterMissingCond = 28650
    case filterInputNotArray = 28651
    case concatArraysNotArray = 28664
    case absOfLongMin = 28680
    case arrayElemAtNotArray = 28689
    case arrayElemAtIndexNotNumber = 28690
    case arrayElemAtIndexNotInteger = 28691
    case sqrtNegative = 28714
    case sliceNotArray = 28724
    case sliceSecondNotNumber = 28725
    case sliceSecondNotInteger = 28726
    case sliceThirdNotNumber = 28727
    case sliceThirdNotInteger = 28728
    case sliceThirdNotPositive = 28729
    case sampleNotObject = 28745
    case sampleSizeNotNumber = 28746
    case sampleSizeNegative = 28747
    case sampleUnknownOption = 28748
    case sampleWithoutSize = 28749
    case logBaseNotNumeric = 28756
    case logArgumentNotNumeric = 28757
    case logArgumentNotPositive = 28758
    case logBaseInvalid = 28759
    case log10NotPositive = 28761
    case powBaseNotNumeric = 28762
    case powExponentNotNumeric = 28763
    case powZeroNegative = 28764
    case notNumeric = 28765
    case lnNotPositive = 28766
    case unwindPathNotString = 28808
    case unwindPreserveNotBool = 28809
    case unwindIndexNotString = 28810
    case unwindUnknownOption = 28811
    case unwindNoPath = 28812
    case unwindPathNoDollar = 28818
    case unwindIndexDollar = 28822
    case unsetNotStringOrArray = 31002
    case regexMatchMissingInput = 31022
    case regexMatchMissingRegex = 31023
    case regexMatchUnknownArgument = 31024
    case datePartOutOfRange = 31034
    case isoWeekYearOutOfRange = 31095
    case unsetNotStrings = 31120
    case expressionInExclusionProjection = 31252
    case reverseArrayNotArray = 34435
    case rangeStartNotNumber = 34443
    case rangeStartNotInteger = 34444
    case rangeEndNotNumber = 34445
    case rangeEndNotInteger = 34446
    case rangeStepNotNumber = 34447
    case rangeStepNotInteger = 34448
    case rangeZeroStep = 34449
    case substrStartNotNumber = 34450
    case substrStartNotInteger = 34451
    case substrLengthNotNumber = 34452
    case substrLengthNotInteger = 34453
    case substrLengthNegative = 34454
    case substrStartNegative = 34455
    case strLenCPNotString = 34471
    case switchNotObject = 40060
    case switchBranchesNotArray = 40061
    case switchBranchNotObject = 40062
    case switchBranchUnknownArgument = 40063
    case switchBranchMissingCase = 40064
    case switchBranchMissingThen = 40065
    case switchNoMatch = 40066
    case switchUnknownArgument = 40067
    case switchNoBranches = 40068
    case reduceNotObject = 40075
    case reduceUnknownArgument = 40076
    case reduceMissingInput = 40077
    case reduceMissingInitialValue = 40078
    case reduceMissingIn = 40079
    case reduceInputNotArray = 40080
    case inNotArray = 40081
    case splitInputNotString = 40085
    case splitSeparatorNotString = 40086
    case splitEmptySeparator = 40087
    case indexOfArrayNotArray = 40090
    case indexOfArrayBadIndex = 40096
    case sortByCountBadArgument = 40148
    case facetNotObject = 40169
    case facetNotArray = 40170
    case facetEmptyPipeline = 40171
    case bucketTooFewBoundaries = 40192
    case bucketMixedBoundaries = 40193
    case bucketBoundariesNotAscending = 40194
    case bucketOutputNotObject = 40196
    case bucketUnknownOption = 40197
    case bucketMissingOption = 40198
    case bucketDefaultInRange = 40199
    case bucketBoundariesNotArray = 40200
    case bucketNotObject = 40201
    case bucketBadGroupBy = 40202
    case replaceRootNotObject = 40228
    case groupFieldNotAccumulator = 40234
    case groupFieldWithDot = 40235
    case arrayToObjectNotArray = 40386
    case objectToArrayNotObject = 40390
    case arrayToObjectFieldCount = 40392
    case arrayToObjectMissingKV = 40393
    case arrayToObjectKeyType = 40394
    case arrayToObjectPairKey = 40395
    case arrayToObjectPairSize = 40397
    case arrayToObjectBadInput = 40398
    case mergeObjectsNotObject = 40400
    case unrecognizedTimezone = 40485
    case dateFromPartsMixed = 40489
    case datePartNotInteger = 40515
    case dateFromPartsMissingYear = 40516
    case timezoneNotString = 40517
    case dateFromPartsUnknownArgument = 40518
    case dateFromPartsNotObject = 40519
    case dateToPartsUnknownArgument = 40520
    case iso8601NotBool = 40521
    case dateToPartsMissingDate = 40522
    case yearPartOutOfRange = 40523
    case dateToPartsNotObject = 40524
    case datePartUnknownArgument = 40535
    case datePartMissingDate = 40539
    case notAllowedInFacet = 40600
    case trimUnknownArgument = 50694
    case trimMissingInput = 50695
    case trimNotObject = 50696
    case trimInputNotString = 50699
    case trimCharsNotString = 50700
    case badPlace = 51083
    case regexMatchNotObject = 51103
    case regexInputNotString = 51104
    case regexNotString = 51105
    case regexOptionsNotString = 51106
    case regexOptionsInBoth = 51107
    case positionalProjectionMismatch = 51246
    case emptySubProjection = 51270
    case emptyProjection = 51272
    case filterLimitNotInteger = 327391
    case filterLimitNotPositive = 327392
    case ifNullArguments = 1257300
    case fieldAccessFieldNotString = 3041704
    case getFieldInputNotObject = 3041705
    case facetTooLarge = 4031700
    case setFieldInputNotObject = 4161105
    case arrayToObjectBadKey = 4940400
    case dateDiffNotObject = 5166301
    case dateDiffUnknownArgument = 5166302
    case dateDiffMissingStart = 5166303
    case dateDiffMissingEnd = 5166304
    case dateDiffMissingUnit = 5166305
    case dateParameterNotDate = 5166307
    case dateDiffOverflow = 5166308
    case dateAddNotObject = 5166400
    case dateAddUnknownArgument = 5166401
    case dateAddMissingArgument = 5166402
    case startDateNotDate = 5166403
    case amountNotInteger = 5166405
    case dateAddOverflow = 5166406
    case dateTruncNotObject = 5439007
    case dateTruncUnknownArgument = 5439008
    case dateTruncMissingDate = 5439009
    case dateTruncMissingUnit = 5439010
    case unitNotString = 5439013
    case startOfWeekNotString = 5439015
    case startOfWeekUnknown = 5439016
    case binSizeNotInteger = 5439017
    case binSizeNotPositive = 5439018
    case subtractAmountInvalid = 6045000

    public var codeName: String {
        switch self {
        case .internalError: "InternalError"
        case .conversionFailure: "ConversionFailure"
        case .invalidPipelineOperator: "InvalidPipelineOperator"
        case .commandNotSupported: "CommandNotSupported"
        case .overflow: "Overflow"
        case .badValue: "BadValue"
        case .noSuchKey: "NoSuchKey"
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
        case .invalidIdField: "InvalidIdField"
        case .invalidOptions: "InvalidOptions"
        case .invalidNamespace: "InvalidNamespace"
        case .indexOptionsConflict: "IndexOptionsConflict"
        case .indexKeySpecsConflict: "IndexKeySpecsConflict"
        case .notExactValueField: "NotExactValueField"
        case .exceededMemoryLimit: "ExceededMemoryLimit"
        case .cannotIndexParallelArrays: "CannotIndexParallelArrays"
        case .invalidIndexSpecificationOption: "InvalidIndexSpecificationOption"
        case .notImplemented: "NotImplemented"
        case .noQueryExecutionPlans: "NoQueryExecutionPlans"
        case .queryExceededMemoryLimitNoDiskUseAllowed: "QueryExceededMemoryLimitNoDiskUseAllowed"
        case .bsonObjectTooLarge: "BSONObjectTooLarge"
        case .duplicateKey: "DuplicateKey"
        case .outOfDiskSpace: "OutOfDiskSpace"
        case .groupUnknownOperator, .groupMissingID, .stageNotOneField, .unrecognizedPipelineStage,
             .missingRequiredField, .unknownField, .missingDatabase, .changeStreamNotSupported, .notFirstStage,
             .cursorInUse, .negativeValue, .emptyFieldName,
             .dollarPrefixedFieldName, .projectionPathCollision, .inclusionInExclusionProjection,
             .exclusionInInclusionProjection, .emptyFieldPath, .regexOptionsTwice, .regexOptionsTwiceInline,
             .invalidRegex, .invalidRegexOption, .textIndexArrayPrefix, .languageOverrideNotString,
             .languageOverrideUnsupported, .unsupportedMetaArgument, .textScoreUnavailable, .illegalMetaSort,
             .textMatchNotFirstStage:
            "Location\(rawValue)"
        // The aggregation codes are all assertion codes.
        case .lookupTooLarge, .sortWithoutKeys, .unwindBadSpec, .expressionNotOneField, .cannotConvertToDate,
             .cannotConvertToString, .wrongArgumentCount, .dottedFieldName, .divideByZero, .divideNotNumeric,
             .modByZero, .modNotNumeric, .addOneDate, .concatNotString, .invalidVariableName,
             .invalidVariableCharacter, .emptyVariableName, .bareDollarPath, .letNotObject, .letUnknownArgument,
             .letMissingVars, .letMissingIn, .mapNotObject, .mapUnknownArgument, .mapMissingInput, .mapMissingIn,
             .mapInputNotArray, .allElementsTrueNotArray, .anyElementTrueNotArray, .setIsSubsetSecondNotArray,
             .setUnionNotArray, .setEqualsNotArray, .setIsSubsetFirstNotArray, .setIntersectionNotArray,
             .setDifferenceFirstNotArray, .setDifferenceSecondNotArray, .condMissingIf, .condMissingThen,
             .condMissingElse, .condUnknownArgument, .sizeNotArray, .undefinedVariable, .dateFormatNotString,
             .dateToStringUnknownArgument, .unmatchedPercent, .invalidFormatCharacter, .yearOutOfRange,
             .dateToStringMissingDate, .dateToStringNotObject, .filterNotObject, .filterUnknownArgument,
             .filterMissingInput, .filterMissingCond, .filterInputNotArray, .concatArraysNotArray, .absOfLongMin,
             .arrayElemAtNotArray, .arrayElemAtIndexNotNumber, .arrayElemAtIndexNotInteger, .sqrtNegative,
             .sliceNotArray, .sliceSecondNotNumber, .sliceSecondNotInteger, .sliceThirdNotNumber,
             .sliceThirdNotInteger, .sliceThirdNotPositive, .sampleNotObject, .sampleSizeNotNumber,
             .sampleSizeNegative, .sampleUnknownOption, .sampleWithoutSize, .logBaseNotNumeric,
             .logArgumentNotNumeric, .logArgumentNotPositive, .logBaseInvalid, .log10NotPositive, .powBaseNotNumeric,
             .powExponentNotNumeric, .powZeroNegative, .notNumeric, .lnNotPositive, .unwindPathNotString,
             .unwindPreserveNotBool, .unwindIndexNotString, .unwindUnknownOption, .unwindNoPath, .unwindPathNoDollar,
             .unwindIndexDollar, .unsetNotStringOrArray, .regexMatchMissingInput, .regexMatchMissingRegex,
             .regexMatchUnknownArgument, .datePartOutOfRange, .isoWeekYearOutOfRange, .unsetNotStrings,
             .expressionInExclusionProjection, .reverseArrayNotArray, .rangeStartNotNumber, .rangeStartNotInteger,
             .rangeEndNotNumber, .rangeEndNotInteger, .rangeStepNotNumber, .rangeStepNotInteger, .rangeZeroStep,
             .substrStartNotNumber, .substrStartNotInteger, .substrLengthNotNumber, .substrLengthNotInteger,
             .substrLengthNegative, .substrStartNegative, .strLenCPNotString, .switchNotObject,
             .switchBranchesNotArray, .switchBranchNotObject, .switchBranchUnknownArgument, .switchBranchMissingCase,
             .switchBranchMissingThen, .switchNoMatch, .switchUnknownArgument, .switchNoBranches, .reduceNotObject,
             .reduceUnknownArgument, .reduceMissingInput, .reduceMissingInitialValue, .reduceMissingIn,
             .reduceInputNotArray, .inNotArray, .splitInputNotString, .splitSeparatorNotString, .splitEmptySeparator,
             .indexOfArrayNotArray, .indexOfArrayBadIndex, .sortByCountBadArgument, .facetNotObject, .facetNotArray,
             .facetEmptyPipeline, .bucketTooFewBoundaries, .bucketMixedBoundaries, .bucketBoundariesNotAscending,
             .bucketOutputNotObject, .bucketUnknownOption, .bucketMissingOption, .bucketDefaultInRange,
             .bucketBoundariesNotArray, .bucketNotObject, .bucketBadGroupBy, .replaceRootNotObject,
             .groupFieldNotAccumulator, .groupFieldWithDot, .arrayToObjectNotArray, .objectToArrayNotObject,
             .arrayToObjectFieldCount, .arrayToObjectMissingKV, .arrayToObjectKeyType, .arrayToObjectPairKey,
             .arrayToObjectPairSize, .arrayToObjectBadInput, .mergeObjectsNotObject,
             .unrecognizedTimezone, .dateFromPartsMixed, .datePartNotInteger, .dateFromPartsMissingYear,
             .timezoneNotString, .dateFromPartsUnknownArgument, .dateFromPartsNotObject, .dateToPartsUnknownArgument,
             .iso8601NotBool, .dateToPartsMissingDate, .yearPartOutOfRange, .dateToPartsNotObject,
             .datePartUnknownArgument, .datePartMissingDate, .notAllowedInFacet, .trimUnknownArgument,
             .trimMissingInput, .trimNotObject, .trimInputNotString, .trimCharsNotString, .badPlace,
             .regexMatchNotObject, .regexInputNotString, .regexNotString, .regexOptionsNotString,
             .regexOptionsInBoth, .emptySubProjection, .emptyProjection, .filterLimitNotInteger,
             .filterLimitNotPositive, .ifNullArguments, .facetTooLarge, .arrayToObjectBadKey, .dateDiffNotObject,
             .dateDiffUnknownArgument, .dateDiffMissingStart, .dateDiffMissingEnd, .dateDiffMissingUnit,
             .dateParameterNotDate, .dateDiffOverflow, .dateAddNotObject, .dateAddUnknownArgument,
             .dateAddMissingArgument, .startDateNotDate, .amountNotInteger, .dateAddOverflow, .dateTruncNotObject,
             .dateTruncUnknownArgument, .dateTruncMissingDate, .dateTruncMissingUnit, .unitNotString,
             .startOfWeekNotString, .startOfWeekUnknown, .binSizeNotInteger, .binSizeNotPositive,
             .subtractAmountInvalid, .positionalProjectionMismatch, .fieldAccessFieldNotString, .getFieldInputNotObject, .setFieldInputNotObject:
            "Location\(rawValue)"
        }
    }
}
