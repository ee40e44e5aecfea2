// SwiftPM needs a source file for a C target; the declaration in the header is all this module offers.
#include "CFuzzerDriver.h"
