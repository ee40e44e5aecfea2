import BSON
import CMongoC

extension MongoError {
    /// The one place a libmongoc failure becomes a `MongoError`.
    ///
    /// The server's reply is more precise than `bson_error_t` when it has per-document failures: the first
    /// `writeErrors` entry gives the code and message (for insertMany, libmongoc's own message only says
    /// that a write failed), then `writeConcernError`. Otherwise the `(domain, code, message)` libmongoc
    /// set is kept.
    init(_ error: bson_error_t, reply: Document?) {
        let reply = reply.flatMap { $0.isEmpty ? nil : $0 }
        if let first = reply?["writeErrors"]?.arrayValue?.first?.documentValue,
           let code = first["code"]?.integerValue {
            self.init(
                domain: MONGOC_ERROR_SERVER.rawValue, code: UInt32(truncatingIfNeeded: code),
                message: first["errmsg"]?.stringValue ?? error.messageString, reply: reply)
        } else if let concern = reply?["writeConcernError"]?.documentValue,
                  let code = concern["code"]?.integerValue {
            self.init(
                domain: MONGOC_ERROR_WRITE_CONCERN.rawValue, code: UInt32(truncatingIfNeeded: code),
                message: concern["errmsg"]?.stringValue ?? error.messageString, reply: reply)
        } else {
            self.init(domain: error.domain, code: error.code, message: error.messageString, reply: reply)
        }
    }

    /// The error as the client reports it: nothing secret from `uri` in the message, and, when the failure
    /// is about reaching the deployment, the redacted URI added so that the log says which one.
    func redacting(_ uri: MongoURI) -> MongoError {
        let reachability = isNoServerAvailable || domain == MONGOC_ERROR_STREAM.rawValue
        let message = reachability ? "\(self.message) (uri: \(uri.redacted))" : self.message
        return MongoError(domain: domain, code: code, message: uri.scrub(message), reply: reply)
    }
}
