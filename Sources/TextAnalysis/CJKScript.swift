/// Scripts written without spaces between words: Han ideographs, Hiragana, Katakana, and Hangul.
///
/// The tokenizer makes each of their characters a word (unigrams) rather than pairs of neighbours
/// (bigrams): a one-character word, common in Chinese and Japanese, is then found too, the index holds
/// one entry per distinct character rather than per pair, and a query's run of characters still finds
/// only text holding that exact run when the search asks for it as a phrase (phrases are matched on the
/// text itself). Hangul is split the same way although Korean separates words with spaces, so that a
/// word is found inside its inflected or particle-suffixed forms.
public enum CJKScript {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x309F,  // Hiragana
            0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F,  // Katakana, its extensions, half-width forms
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han: extension A, unified, compatibility
            0x20000...0x3134F,  // Han: extensions B to G
            0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF:  // Hangul Jamo, compatibility Jamo, syllables
            true
        default:
            false
        }
    }
}
