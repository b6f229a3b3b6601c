import type { CustomerAdminResources } from './customer-admin.zh-CN';

/** English strings of the customer-admin pages. */
const customerAdminEnUS: CustomerAdminResources = {
  title: 'Customer archive settings',
  fields: {
    title: 'Custom fields',
    subtitle:
      'Fields your company needs beyond the standard ones; they appear in forms, details, list filters, import and export.',
    new: 'New field',
    createTitle: 'New custom field',
    editTitle: 'Edit field: {{name}}',
    label: 'Label',
    status: 'Status',
    active: 'Active',
    inactive: 'Retired',
    requiredTag: 'Required',
    moreOptions: '+{{count}} more',
    deactivate: 'Retire',
    reactivate: 'Activate',
    deactivateConfirm: 'Retire “{{name}}”? It leaves forms and imports; values already entered are kept.',
    reactivateConfirm: 'Activate “{{name}}” again?',
    deactivatedMsg: '{{name}} retired',
    reactivatedMsg: '{{name}} activated',
    createdMsg: 'Field {{name}} created',
    updatedMsg: 'Field {{name}} saved',
    inactiveHint:
      'This field is retired: changes are saved, but it shows in forms only once activated again.',
    empty: 'No custom fields yet',
    emptyHint: 'Use “New field” to add one, e.g. “Channel level” or “Annual purchases”.',
    entity: { customer: 'Customer fields', contact: 'Contact fields' },
    entityHint: {
      customer: 'Customer fields appear in the customer form, details, list filters, import and export.',
      contact:
        'Contact fields appear in the contact form (contacts entered with a new customer too), on contact cards and in imports (head the column “Contact <field name>”).',
    },
    form: {
      key: 'Key',
      keyHelp:
        'Starts with a lower-case letter; lower-case letters, digits and underscores, at most 40; imports and exports use it. Fixed once created.',
      keyFixed: 'The key is fixed once created: stored values depend on it.',
      labelZh: 'Chinese label',
      labelEn: 'English label',
      type: 'Type',
      typeFixed:
        'The type is fixed once created: stored values depend on it. To change it, create a new field and retire this one.',
      position: 'Order',
      positionHelp: 'Smaller numbers come first',
      required: 'Required',
      requiredHelp: 'Required fields must be filled when a customer is created or edited',
      options: 'Options',
      optionsHelp: 'The value is stored (e.g. gold); the labels are shown to users.',
      optionsKeepHint: 'Do not remove option values in use, or existing data shows the raw value.',
      optionValue: 'Value',
      optionLabelZh: 'Chinese label',
      optionLabelEn: 'English label',
      addOption: 'Add option',
      removeOption: 'Remove option',
    },
    serverErrors: {
      key_already_exists: 'A field with this key exists',
      required: 'Single and multiple choice fields need at least one option',
      duplicate: 'Option values must be unique',
      not_allowed: 'Only choice fields have options',
    },
  },
  settings: {
    title: 'Customer archive settings',
    subtitle: 'Rules of the customer archive; changes apply at once.',
    verification: 'Verification',
    verifyAfterDays: 'Verify every',
    verifyAfterDaysHelp:
      'Customers not verified for this many days are flagged “due” on their page and can be listed for review. Default {{days}} days.',
    days: 'days',
    range: 'Enter a whole number from {{min}} to {{max}}',
    import: 'Import',
    importMaxFileMb: 'Largest import file',
    importMaxFileMbHelp:
      'Uploaded .xlsx / .csv files may not be larger than this ({{min}}–{{max}} MB, default {{mb}} MB). A reverse proxy in front of the server may limit uploads too; adjust it as well.',
    savedMsg: 'Settings saved',
    reset: 'Reset',
  },
};

export default customerAdminEnUS;
