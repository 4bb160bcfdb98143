package shoptwin.mirror;

import com.mongodb.bulk.BulkWriteError;
import java.util.Locale;
import org.bson.BSONException;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecConfigurationException;
import shoptwin.store.copy.MirrorTable;

/**
 * Why MongoDB cannot take one document, in words a person can act on: the reason a parked change carries
 * ({@code shoptwin parked}, the status screen). The errors here belong to one document, never to the batch:
 * the mirror parks that change and the rest go through.
 */
final class DocumentRefusal {
    /** MongoDB's limit for one document. */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    private static final int DUPLICATE_KEY = 11000;

    private DocumentRefusal() {
    }

    /**
     * True for an exception the driver throws before sending, because of one document's content: too large,
     * a field name MongoDB does not allow, a value it cannot encode. Not for the client or the network.
     */
    static boolean belongsToOneDocument(RuntimeException e) {
        return e instanceof BSONException || e instanceof CodecConfigurationException || e instanceof IllegalArgumentException;
    }

    /** The reason for a driver-side refusal of {@code document} (of {@code table}'s row {@code id}). */
    static String of(RuntimeException e, MirrorTable table, String id, Document document) {
        if (e instanceof BsonMaximumSizeExceededException || sizeOf(document) > MAX_DOCUMENT_BYTES) {
            return tooLarge(table, sizeOf(document));
        }
        return "MongoDB cannot store this " + table.noun().toLowerCase(Locale.ROOT) + " row as a document: " + e.getMessage()
                + " (change the row or the column, then `shoptwin parked retry`)";
    }

    /** The reason for a per-document write error MongoDB itself returned. */
    static String of(BulkWriteError error, MirrorTable table, Document document) {
        int code = error.getCode();
        if (code == 10334 || code == 17419 || code == 17420 || code == 2 && error.getMessage().contains("too large")) {
            return tooLarge(table, document == null ? -1 : sizeOf(document));
        }
        if (code == DUPLICATE_KEY) {
            return "MongoDB refused the document because a unique index on the copy already holds the same value ("
                    + error.getMessage() + "); remove or change that index, then `shoptwin parked retry` (MongoDB error " + code + ")";
        }
        return "MongoDB refused the document: " + error.getMessage() + " (MongoDB error " + code + ")";
    }

    private static String tooLarge(MirrorTable table, long bytes) {
        String size = bytes < 0 ? "more than 16 MB" : megabytes(bytes);
        return "this " + table.noun().toLowerCase(Locale.ROOT) + " row is " + size + " as a MongoDB document, and MongoDB holds at most "
                + "16 MB in one document (a very large text or jsonb value?); it stays parked until the row is smaller, then "
                + "`shoptwin parked retry`";
    }

    /** "17.0 MB". */
    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The document's size as BSON, in bytes (-1 when it cannot even be encoded). */
    static long sizeOf(Document document) {
        if (document == null) {
            return -1;
        }
        try {
            return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
