import { AREAS } from '../domain/areas';
import { timeline, type BuildContext, type Built } from './context';
import { isoDay } from './dates';
import { email, person, phone, type Person } from './people';
import { address, pointNear, type Place } from './places';

export type AssetKind = 'skill' | 'association' | 'institution' | 'place' | 'economic' | 'cultural';
export type AssetStatus = 'active' | 'inactive' | 'defunct' | 'temporarilyClosed';
export type AssetLifecycle = 'draft' | 'submitted' | 'verified' | 'published' | 'archived';
export type AssetContact = { name: string; phone?: string; email?: string };

export type AssetData = {
	kind: AssetKind;
	name: string;
	description: string;
	status: AssetStatus;
	lifecycle: AssetLifecycle;
	organisation?: string;
	location: { lat: number; lon: number; accuracyM: number; postcode: string; address: string; town: string };
	contacts: AssetContact[];
	whoItServes: string[];
	accessibility: string[];
	lastVerified: string;
	consentToPublish: boolean;
};

/** name and description (`{town}`, `{council}` filled in), who it serves, organisation. */
type Template = readonly [
	name: string,
	description: string,
	whoItServes: readonly string[],
	organisation?: string
];

const OLDER = ['Older people', 'People living alone'];
const EVERYONE = ['Everyone'];

const TEMPLATES: Record<Exclude<AssetKind, 'skill'>, readonly Template[]> = {
	association: [
		[
			'{town} Lunch Club',
			'Hot two-course lunch and company every Tuesday; transport can be arranged.',
			OLDER
		],
		[
			"{town} Men's Shed",
			'Workshop where men meet to make, mend and chat; tools and tea provided.',
			['Men', ...OLDER]
		],
		['{town} Walking for Health', 'Free short led walks on the flat, weekly, at an easy pace.', EVERYONE],
		[
			'{town} Knit and Natter',
			'Knitting, crochet and conversation in the café on Thursday afternoons.',
			OLDER
		],
		[
			'{town} Memory Café',
			'Monthly café for people living with dementia and those who care for them.',
			['People living with dementia', 'Carers']
		],
		[
			'{town} Carers Support Group',
			'Peer support and a break for unpaid carers; sitting service on request.',
			['Carers']
		],
		[
			'{town} Flood Action Group drop-in',
			'Monthly drop-in: household flood plans, flood doors and insurance.',
			['Households at flood risk']
		],
		[
			'{town} Parent and Toddler Group',
			'Play, songs and a brew for parents and carers of under-fives.',
			['Families with young children']
		]
	],
	institution: [
		[
			'{town} Library',
			'Books, free computers and wifi, help with online forms, large print and audio.',
			EVERYONE,
			'{council}'
		],
		[
			'{town} Community Fire Station',
			'Home fire safety advice and Safe and Well visit requests; monthly open day.',
			EVERYONE,
			'Cumbria Fire and Rescue Service'
		],
		['{town} Medical Practice', 'GP surgery; a social prescribing link worker is in on Thursdays.', EVERYONE],
		[
			'{town} Primary School',
			'Hall and playing field open to community groups after school hours.',
			['Families with young children']
		],
		[
			'{town} Money and Benefits Advice Outreach',
			'Fortnightly advice on benefits, debt and energy bills; no appointment.',
			['People on low incomes'],
			'{council}'
		]
	],
	place: [
		['{town} Memorial Hall', 'Village hall for hire, with kitchen; home to several clubs.', EVERYONE],
		[
			'{town} Methodist Church Hall',
			'Warm hall with kitchen; used as a rest centre in floods and snow.',
			EVERYONE
		],
		['{town} Community Centre', 'Rooms for hire, café and noticeboard of what is on.', EVERYONE],
		['{town} Allotments', 'Allotment plots with a waiting list; a shared plot for beginners.', EVERYONE],
		[
			'{town} Leisure Centre',
			'Pool, gym and classes, including seated exercise for over-60s.',
			EVERYONE,
			'{council}'
		]
	],
	economic: [
		[
			'{town} Foodbank',
			'Emergency food parcels by referral; toiletries and pet food too.',
			['People on low incomes']
		],
		['{town} Community Shop', 'Volunteer-run village shop and post office counter.', EVERYONE],
		[
			'{town} Repair Café',
			'Bring broken things (lamps, clothes, bikes) and mend them with volunteers.',
			EVERYONE
		],
		[
			'{town} Warm Space',
			'Warm room, hot drinks and soup on winter weekdays; no questions asked.',
			['People on low incomes', ...OLDER]
		],
		["{town} Farmers' Market", 'Local produce on the first Saturday of the month.', EVERYONE]
	],
	cultural: [
		['{town} Heritage Centre', 'Local history displays and archive; volunteers welcome.', EVERYONE],
		['{town} Agricultural Show', 'Annual show: livestock, fell running, crafts and produce.', EVERYONE],
		['{town} Brass Band', 'Community brass band; learners welcome, instruments lent.', EVERYONE],
		[
			'{town} Cumberland and Westmorland Wrestling',
			'Traditional wrestling club; training on summer evenings.',
			['Young people', 'Everyone']
		],
		['{town} Local History Society', 'Monthly talks and guided walks.', OLDER]
	]
};

const SKILLS: readonly (readonly [skill: string, description: string])[] = [
	['Dry-stone walling', 'Builds and repairs field walls; happy to teach a small group.'],
	['Hedge laying', 'Lays hedges in the traditional style over the winter.'],
	['Computer and phone help', 'Patient help with phones, tablets, video calls and online forms.'],
	['Befriending', 'Regular visits or phone calls for someone who would like company.'],
	['Cooking on a budget', 'Shows how to cook simple meals cheaply; can run a session in a hall kitchen.'],
	['Bike repair', 'Fixes bikes and teaches basic maintenance.'],
	['Form filling and letter writing', 'Helps with forms, letters and phone calls to officialdom.'],
	['Chainsaw and tree clearing', 'Certified chainsaw user; clears fallen trees after storms.'],
	['4x4 driving in snow', 'Can reach cut-off farms and villages in snow to deliver prescriptions.'],
	['Gardening help', 'Keeps gardens tidy for people who can no longer manage them.']
];

const ACCESSIBILITY = [
	'Step-free access',
	'Accessible toilet',
	'Hearing loop',
	'Parking nearby',
	'On a bus route',
	'Large print available',
	'Quiet space'
];

const KIND_WEIGHTS = [
	['association', 30],
	['place', 18],
	['institution', 15],
	['skill', 15],
	['economic', 12],
	['cultural', 10]
] as const;

const STATUS_WEIGHTS = [
	['active', 82],
	['temporarilyClosed', 6],
	['inactive', 7],
	['defunct', 5]
] as const;

const LIFECYCLE_WEIGHTS = [
	['published', 55],
	['verified', 15],
	['submitted', 12],
	['draft', 12],
	['archived', 6]
] as const;

// Optional fields are set only when present (not spread in), so no key is ever `undefined` and the
// object shapes stay stable, which keeps 50,000 records fast.
type Content = Pick<AssetData, 'name' | 'description' | 'contacts' | 'whoItServes'> & {
	organisation?: string;
};

const COUNCILS = new Map(AREAS.map((area) => [area.id, `${area.council} Council`]));

export function buildAsset(ctx: BuildContext, place: Place): Built<AssetData> {
	const { rng } = ctx;
	const { createdMs, updatedMs } = timeline(ctx, 4 * 365);
	const kind = rng.weighted(KIND_WEIGHTS);
	const status = rng.weighted(STATUS_WEIGHTS);
	// A person's skill is only listed with their consent; groups sometimes have not given it yet.
	const consentToPublish = kind === 'skill' || rng.chance(0.9);
	const drawn = rng.weighted(LIFECYCLE_WEIGHTS);
	const lifecycle =
		status === 'defunct' ? 'archived' : drawn === 'published' && !consentToPublish ? 'verified' : drawn;
	const content = kind === 'skill' ? skillContent(ctx) : groupContent(ctx, kind, place);
	const spot = address(rng, place);
	const { lat, lon } = pointNear(rng, place);
	const data: AssetData = {
		kind,
		name: content.name,
		description: content.description,
		status,
		lifecycle,
		location: {
			lat,
			lon,
			accuracyM: rng.int(3, 50),
			postcode: spot.postcode,
			address: spot.line1,
			town: place.name
		},
		contacts: content.contacts,
		whoItServes: content.whoItServes,
		accessibility: kind === 'skill' ? [] : rng.sample(ACCESSIBILITY, rng.int(0, 3)),
		lastVerified: isoDay(rng.msBetween(createdMs, updatedMs)),
		consentToPublish
	};
	if (content.organisation) data.organisation = content.organisation;
	return { createdMs, updatedMs, data };
}

function skillContent(ctx: BuildContext): Content {
	const [skill, description] = ctx.rng.pick(SKILLS);
	const holder = person(ctx.rng, ctx.nowMs, 25, 80);
	return {
		name: `${skill} (${holder.name})`,
		description,
		contacts: [contact(ctx, holder)],
		whoItServes: EVERYONE.slice()
	};
}

function groupContent(ctx: BuildContext, kind: Exclude<AssetKind, 'skill'>, place: Place): Content {
	const { rng, nowMs } = ctx;
	const [name, description, whoItServes, organisation] = rng.pick(TEMPLATES[kind]);
	const contacts = [contact(ctx, person(rng, nowMs, 25, 80))];
	if (rng.chance(0.4)) contacts.push(contact(ctx, person(rng, nowMs, 25, 80)));
	const content: Content = {
		name: fill(name, place),
		description,
		contacts,
		whoItServes: whoItServes.slice()
	};
	if (organisation) content.organisation = fill(organisation, place);
	return content;
}

function fill(template: string, place: Place): string {
	return template.replace('{town}', place.name).replace('{council}', COUNCILS.get(place.areaId) ?? '');
}

/** A contact with at least one way to reach them. */
function contact(ctx: BuildContext, who: Person): AssetContact {
	const { rng } = ctx;
	const withPhone = rng.chance(0.85);
	const result: AssetContact = { name: who.name };
	if (withPhone) result.phone = phone(rng);
	if (!withPhone || rng.chance(0.4)) result.email = email(rng, who);
	return result;
}
