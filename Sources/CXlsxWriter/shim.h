// SPDX-License-Identifier: GPL-3.0-or-later
//
// The C side of TransferSim's binding to libxlsxwriter (Debian's libxlsxwriter-dev), which writes
// the Excel workbook of a results folder (Sources/TransferSimIO/Workbook/).
#ifndef TRANSFERSIM_CXLSXWRITER_SHIM_H
#define TRANSFERSIM_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
