import type { AssetKind, ScheduleEntry, ServedGroup } from '../domain/asset';

/**
 * What a town's community assets look like. `{town}` and `{council}` are filled in; `serves` uses the
 * directory's codes, with `servesOther` for a group no code names. Weekly hours go in `schedule`
 * (Open Referral UK's WEEKLY rule); anything a weekly rule cannot say goes in `scheduleNotes`.
 */
export type AssetTemplate = {
	readonly name: string;
	readonly description: string;
	readonly serves: readonly ServedGroup[];
	readonly servesOther?: string;
	readonly organisation?: string;
	readonly schedule?: readonly ScheduleEntry[];
	readonly scheduleNotes?: string;
	readonly taxonomy?: string;
};

export type SkillTemplate = { readonly skill: string; readonly description: string; readonly when: string };

const WEEKDAYS: ScheduleEntry['days'] = ['mo', 'tu', 'we', 'th', 'fr'];
const weekly = (days: ScheduleEntry['days'], opens: string, closes: string): ScheduleEntry => ({
	days,
	opens,
	closes
});

export const TEMPLATES: Record<Exclude<AssetKind, 'skill'>, readonly AssetTemplate[]> = {
	association: [
		{
			name: '{town} Lunch Club',
			description: 'Hot two-course lunch and company every Tuesday; transport can be arranged.',
			serves: ['olderPeople'],
			servesOther: 'People living alone',
			schedule: [weekly(['tu'], '12:00', '14:00')],
			taxonomy: 'Lunch clubs'
		},
		{
			name: "{town} Men's Shed",
			description: 'Workshop where men meet to make, mend and chat; tools and tea provided.',
			serves: ['menOnly', 'olderPeople'],
			schedule: [weekly(['tu', 'th'], '10:00', '15:00')]
		},
		{
			name: '{town} Walking for Health',
			description: 'Free short led walks on the flat, weekly, at an easy pace.',
			serves: ['everyone'],
			schedule: [weekly(['we'], '10:30', '11:30')],
			taxonomy: 'Physical activity'
		},
		{
			name: '{town} Knit and Natter',
			description: 'Knitting, crochet and conversation in the café on Thursday afternoons.',
			serves: ['olderPeople'],
			schedule: [weekly(['th'], '13:30', '15:30')]
		},
		{
			name: '{town} Memory Café',
			description: 'Monthly café for people living with dementia and those who care for them.',
			serves: ['peopleWithDementia', 'carers'],
			scheduleNotes: 'First Wednesday of the month, 14:00 to 16:00'
		},
		{
			name: '{town} Carers Support Group',
			description: 'Peer support and a break for unpaid carers; sitting service on request.',
			serves: ['carers'],
			scheduleNotes: 'Second Monday of the month, 10:00 to 12:00'
		},
		{
			name: '{town} Flood Action Group drop-in',
			description: 'Monthly drop-in: household flood plans, flood doors and insurance.',
			serves: ['other'],
			servesOther: 'Households at flood risk',
			scheduleNotes: 'Last Saturday of the month, 10:00 to 12:00'
		},
		{
			name: '{town} Parent and Toddler Group',
			description: 'Play, songs and a brew for parents and carers of under-fives.',
			serves: ['families', 'children'],
			schedule: [weekly(['mo', 'fr'], '09:30', '11:30')],
			scheduleNotes: 'Term time only'
		}
	],
	institution: [
		{
			name: '{town} Library',
			description: 'Books, free computers and wifi, help with online forms, large print and audio.',
			serves: ['everyone'],
			organisation: '{council}',
			schedule: [weekly(['mo', 'tu', 'th', 'fr'], '09:30', '17:00'), weekly(['sa'], '09:30', '12:30')],
			taxonomy: 'Libraries'
		},
		{
			name: '{town} Community Fire Station',
			description: 'Home fire safety advice and Safe and Well visit requests; monthly open day.',
			serves: ['everyone'],
			organisation: 'Cumbria Fire and Rescue Service',
			scheduleNotes: 'Open day on the first Sunday of the month, 10:00 to 14:00'
		},
		{
			name: '{town} Medical Practice',
			description: 'GP surgery; a social prescribing link worker is in on Thursdays.',
			serves: ['everyone'],
			schedule: [weekly(WEEKDAYS, '08:00', '18:30')]
		},
		{
			name: '{town} Primary School',
			description: 'Hall and playing field open to community groups after school hours.',
			serves: ['families', 'children'],
			scheduleNotes: 'Bookings after 16:00 on weekdays, term time only'
		},
		{
			name: '{town} Money and Benefits Advice Outreach',
			description: 'Fortnightly advice on benefits, debt and energy bills; no appointment.',
			serves: ['other'],
			servesOther: 'People on low incomes',
			organisation: '{council}',
			scheduleNotes: 'Every other Wednesday, 10:00 to 13:00'
		}
	],
	place: [
		{
			name: '{town} Memorial Hall',
			description: 'Village hall for hire, with kitchen; home to several clubs.',
			serves: ['everyone'],
			scheduleNotes: 'For hire by arrangement',
			taxonomy: 'Community centres and halls'
		},
		{
			name: '{town} Methodist Church Hall',
			description: 'Warm hall with kitchen; used as a rest centre in floods and snow.',
			serves: ['everyone'],
			schedule: [weekly(['we'], '10:00', '12:00')],
			scheduleNotes: 'Coffee morning on Wednesdays; otherwise by arrangement'
		},
		{
			name: '{town} Community Centre',
			description: 'Rooms for hire, café and noticeboard of what is on.',
			serves: ['everyone'],
			schedule: [weekly(WEEKDAYS, '09:00', '17:00')],
			taxonomy: 'Community centres and halls'
		},
		{
			name: '{town} Allotments',
			description: 'Allotment plots with a waiting list; a shared plot for beginners.',
			serves: ['everyone'],
			scheduleNotes: 'Shared plot sessions on Saturday mornings from April to October'
		},
		{
			name: '{town} Leisure Centre',
			description: 'Pool, gym and classes, including seated exercise for over-60s.',
			serves: ['everyone'],
			organisation: '{council}',
			schedule: [weekly(WEEKDAYS, '07:00', '21:00'), weekly(['sa', 'su'], '08:00', '17:00')],
			taxonomy: 'Physical activity'
		}
	],
	economic: [
		{
			name: '{town} Foodbank',
			description: 'Emergency food parcels by referral; toiletries and pet food too.',
			serves: ['other'],
			servesOther: 'People on low incomes',
			schedule: [weekly(['tu', 'fr'], '10:00', '12:00')],
			taxonomy: 'Food banks'
		},
		{
			name: '{town} Community Shop',
			description: 'Volunteer-run village shop and post office counter.',
			serves: ['everyone'],
			schedule: [
				weekly(['mo', 'tu', 'we', 'th', 'fr', 'sa'], '08:00', '17:30'),
				weekly(['su'], '09:00', '12:00')
			]
		},
		{
			name: '{town} Repair Café',
			description: 'Bring broken things (lamps, clothes, bikes) and mend them with volunteers.',
			serves: ['everyone'],
			scheduleNotes: 'Third Saturday of the month, 10:00 to 13:00'
		},
		{
			name: '{town} Warm Space',
			description: 'Warm room, hot drinks and soup on winter weekdays; no questions asked.',
			serves: ['olderPeople', 'other'],
			servesOther: 'People on low incomes',
			schedule: [weekly(WEEKDAYS, '10:00', '15:00')],
			scheduleNotes: 'November to March'
		},
		{
			name: "{town} Farmers' Market",
			description: 'Local produce on the first Saturday of the month.',
			serves: ['everyone'],
			scheduleNotes: 'First Saturday of the month, 09:00 to 13:00'
		}
	],
	cultural: [
		{
			name: '{town} Heritage Centre',
			description: 'Local history displays and archive; volunteers welcome.',
			serves: ['everyone'],
			schedule: [weekly(['we', 'th', 'fr', 'sa', 'su'], '10:00', '16:00')]
		},
		{
			name: '{town} Agricultural Show',
			description: 'Annual show: livestock, fell running, crafts and produce.',
			serves: ['everyone'],
			scheduleNotes: 'One Saturday in August'
		},
		{
			name: '{town} Brass Band',
			description: 'Community brass band; learners welcome, instruments lent.',
			serves: ['everyone'],
			schedule: [weekly(['mo'], '19:00', '21:00')]
		},
		{
			name: '{town} Cumberland and Westmorland Wrestling',
			description: 'Traditional wrestling club; training on summer evenings.',
			serves: ['youngPeople'],
			schedule: [weekly(['tu', 'th'], '18:30', '20:00')],
			scheduleNotes: 'May to September'
		},
		{
			name: '{town} Local History Society',
			description: 'Monthly talks and guided walks.',
			serves: ['olderPeople'],
			scheduleNotes: 'Talks on the second Thursday of the month, 19:30'
		}
	]
};

export const SKILLS: readonly SkillTemplate[] = [
	{
		skill: 'Dry-stone walling',
		description: 'Builds and repairs field walls; happy to teach a small group.',
		when: 'Weekends, by arrangement'
	},
	{
		skill: 'Hedge laying',
		description: 'Lays hedges in the traditional style over the winter.',
		when: 'November to February'
	},
	{
		skill: 'Computer and phone help',
		description: 'Patient help with phones, tablets, video calls and online forms.',
		when: 'Weekday afternoons'
	},
	{
		skill: 'Befriending',
		description: 'Regular visits or phone calls for someone who would like company.',
		when: 'Most weekdays'
	},
	{
		skill: 'Cooking on a budget',
		description: 'Shows how to cook simple meals cheaply; can run a session in a hall kitchen.',
		when: 'Evenings, by arrangement'
	},
	{ skill: 'Bike repair', description: 'Fixes bikes and teaches basic maintenance.', when: 'Saturdays' },
	{
		skill: 'Form filling and letter writing',
		description: 'Helps with forms, letters and phone calls to officialdom.',
		when: 'Weekday mornings'
	},
	{
		skill: 'Chainsaw and tree clearing',
		description: 'Certified chainsaw user; clears fallen trees after storms.',
		when: 'On call after storms'
	},
	{
		skill: '4x4 driving in snow',
		description: 'Can reach cut-off farms and villages in snow to deliver prescriptions.',
		when: 'On call in snow'
	},
	{
		skill: 'Gardening help',
		description: 'Keeps gardens tidy for people who can no longer manage them.',
		when: 'Spring to autumn'
	}
];

/** Features the directory has no code for, as people describe them. */
export const OTHER_ACCESSIBILITY = [
	'On a bus route',
	'Wheelchair to borrow',
	'Dogs welcome',
	'Dementia-friendly staff'
];
