"""The complaints list as a spreadsheet (dataio), masked as the page is: the complainant column is the
list's `complainant_shown`."""

from lvxie.dataio.exports import Export

from . import lists

EXPORTS = (Export(lists.COMPLAINTS),)
