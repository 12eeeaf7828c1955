#ifndef CTLINT_CLIBXML2_SHIM_H
#define CTLINT_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU support, and its headers pull in ICU's, whose `UErrorCode`
// clashes with the ICU copy inside Foundation. ctlint never uses libxml2's ICU encoding hooks, so the
// configuration header is read first and the ICU switch turned off before any other libxml2 header.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>

#endif
