import type { CustomerImportResources } from './customer-import.zh-CN';

/** English strings of the customer-import pages, typed against the Chinese so a missing key fails the type check. */
const customerImportEnUS: CustomerImportResources = {
  title: 'Import customers',
  subtitle:
    'Add customers in bulk from an Excel (.xlsx) or CSV file. Every row is checked with the same rules as creating a customer; rows with problems are listed with their row number, column and reason, and the other rows are imported.',
  steps: { upload: 'Upload', mapping: 'Map columns', progress: 'Import', report: 'Result' },
  upload: {
    drag: 'Click to choose a file, or drop it here',
    hint: '.xlsx and .csv (UTF-8, or GB18030 as Chinese Excel saves it). Row 1 must hold the column names, without merged cells. Up to {{size}} per file.',
    uploading: 'Uploading and reading the file…',
    failed: 'This file cannot be imported',
    tooLarge:
      'The file is {{actual}}, above the {{size}} limit. Split it into several files and import each.',
    recent: 'Recent imports',
    recentEmpty: 'No imports yet',
    open: 'Open',
    rows: '{{count, number}} rows',
  },
  mapping: {
    intro:
      'Read {{file}}: {{columns}} columns, about {{rows, number}} data rows. Choose the field for each column; choose "Do not import" for columns you do not need.',
    encoding: 'Encoding: {{encoding}}',
    column: 'Column in the file',
    sample: 'Sample',
    field: 'Import as',
    skip: 'Do not import',
    blankHeader: '(no name)',
    groups: { customer: 'Customer', contact: 'Contact', custom: 'Custom fields' },
    contactField: 'Contact {{field}}',
    nameRequired: 'Map one column to "Name"',
    requiredCustom: 'The required custom field "{{label}}" has no column yet',
    contactNameRequired: 'Contact custom fields need a column mapped to "Contact"',
    preview: 'Preview of the first {{count}} rows as mapped',
    previewEmpty: 'The file has a header but no data rows',
    previewNothing: 'No column is mapped yet',
    policy: 'Customers already in the archive',
    policyHint:
      'Duplicates are found by credit code, normalised name (without suffixes such as 有限公司) and normalised phone; rows repeated within the file are found too.',
    policies: { skip: 'Skip', update: 'Update the existing customer', create: 'Create anyway' },
    policyHelp: {
      skip: 'Rows matching a customer in the archive are not imported and count as skipped. The safe choice for adding new customers.',
      update:
        'Updates the customer only when exactly one matches and it is in your data scope, changing only the fields the file fills in; rows matching several customers or one outside your scope are not imported, with the reason.',
      create:
        'No duplicate check: every row creates a customer. This can create duplicates, which you can merge later on the duplicates page.',
    },
    owner: 'Owner',
    ownerHint: 'Rows whose owner (客户经理) cell is empty, or files without that column, go to:',
    ownerDefault:
      'Default (as when creating by hand: none for administrators and executives, otherwise yourself)',
    ownerNone: 'No owner',
    ownerSearch: 'Type a name to find a colleague',
    ownerMine:
      'Rows without an owner become yours. Only managers may give customers to another account manager.',
    back: 'Choose another file',
    start: 'Start import',
    startFailed: 'The import could not start',
  },
  progress: {
    title: 'Importing {{file}}',
    rows: '{{processed, number}} of {{total, number}} rows processed',
    processed: 'Processed',
    created: 'Created',
    updated: 'Updated',
    skipped: 'Skipped',
    rejected: 'Not imported',
    hint: 'The import runs on the server; you may leave this page and come back to Import customers for the result.',
  },
  report: {
    done: 'Import finished',
    doneWithRejects: 'Import finished; {{count, number}} rows were not imported',
    failed: 'The import failed',
    interrupted: 'The import was interrupted',
    interruptedHint:
      'The server stopped during the import. Rows imported so far are kept (see the counts); import the file again and those rows will be skipped as duplicates.',
    summary:
      '{{total, number}} rows: {{created, number}} created, {{updated, number}} updated, {{skipped, number}} skipped, {{rejected, number}} not imported.',
    rejections: 'Rows not imported',
    row: 'Row',
    column: 'Column',
    reason: 'Reason',
    wholeRow: 'Whole row',
    firstOnly: 'Only the first {{shown}} are listed here; download the full list.',
    download: 'Download the rows not imported (CSV)',
    downloadHint:
      'The file has the row numbers, the reasons and the original cells; fix them in Excel and import the file again.',
    toList: 'Open the customer archive',
    again: 'Import another file',
    noRejections: 'Every row was processed; none was refused.',
  },
  statuses: {
    uploaded: 'Not started',
    running: 'Running',
    done: 'Done',
    failed: 'Failed',
    interrupted: 'Interrupted',
  },
  encodings: {
    'utf-8': 'UTF-8',
    'utf-8-bom': 'UTF-8 (with BOM)',
    gb18030: 'GB18030 (Chinese Excel)',
    'utf-16le': 'UTF-16',
    'utf-16be': 'UTF-16',
  },
};

export default customerImportEnUS;
