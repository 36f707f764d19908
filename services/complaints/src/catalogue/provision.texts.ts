/**
 * What each provision of the Code means for someone filing a complaint: a short plain-language label and
 * one sentence, in every form language. Written for this project; not the Code's own text.
 */
import { CodeProvision as P } from '../../../shared/src';
import type { LabelledTexts } from './catalogue.texts';

export const PROVISION_TEXTS: Record<P, LabelledTexts> = {
  [P.GENERAL_CONDUCT]: {
    en: ['General conduct', 'Company personnel must respect the law and human rights and treat everyone with dignity.'],
    fr: ['Conduite générale', 'Le personnel de l\'entreprise doit respecter la loi et les droits humains et traiter chacun avec dignité.'],
    es: ['Conducta general', 'El personal de la empresa debe respetar la ley y los derechos humanos y tratar a todas las personas con dignidad.'],
    ar: ['السلوك العام', 'يجب على موظفي الشركة احترام القانون وحقوق الإنسان ومعاملة الجميع بكرامة.'],
  },
  [P.RULES_FOR_THE_USE_OF_FORCE]: {
    en: ['Rules on when force may be used', 'The company must give its guards clear rules on when and how they may use force, and make them follow these rules.'],
    fr: ['Règles sur le recours à la force', 'L\'entreprise doit donner à ses agents des règles claires sur quand et comment ils peuvent utiliser la force, et les faire respecter.'],
    es: ['Reglas sobre el uso de la fuerza', 'La empresa debe dar a sus guardias reglas claras sobre cuándo y cómo pueden usar la fuerza, y hacer que las cumplan.'],
    ar: ['قواعد استخدام القوة', 'يجب على الشركة أن تعطي حراسها قواعد واضحة حول متى وكيف يجوز لهم استخدام القوة، وأن تلزمهم باتباعها.'],
  },
  [P.USE_OF_FORCE]: {
    en: ['Use of force or weapons', 'Guards may use force only when truly necessary, as little as possible, and firearms only to protect life.'],
    fr: ['Usage de la force ou des armes', 'Les agents ne peuvent utiliser la force qu\'en cas de réelle nécessité, le moins possible, et les armes à feu seulement pour protéger des vies.'],
    es: ['Uso de la fuerza o de armas', 'Los guardias solo pueden usar la fuerza cuando sea realmente necesario, lo mínimo posible, y las armas de fuego solo para proteger vidas.'],
    ar: ['استخدام القوة أو الأسلحة', 'لا يجوز للحراس استخدام القوة إلا عند الضرورة الفعلية وبأقل قدر ممكن، ولا الأسلحة النارية إلا لحماية الأرواح.'],
  },
  [P.DETENTION]: {
    en: ['Holding people', 'Guards must not hold or lock up anyone unless the company\'s contract with a State allows it and the law is respected.'],
    fr: ['Détention de personnes', 'Les agents ne doivent retenir ou enfermer personne, sauf si le contrat de l\'entreprise avec un État le permet et dans le respect de la loi.'],
    es: ['Detención de personas', 'Los guardias no deben retener ni encerrar a nadie, salvo que el contrato de la empresa con un Estado lo permita y se respete la ley.'],
    ar: ['احتجاز الأشخاص', 'لا يجوز للحراس احتجاز أي شخص أو حبسه إلا إذا سمح بذلك عقد الشركة مع دولة ومع احترام القانون.'],
  },
  [P.APPREHENDING_PERSONS]: {
    en: ['Stopping or catching people', 'Guards may stop a person only to protect themselves or others from immediate danger, and must hand them to the authorities quickly.'],
    fr: ['Arrestation de personnes', 'Les agents ne peuvent arrêter une personne que pour se protéger ou protéger autrui d\'un danger immédiat, et doivent la remettre vite aux autorités.'],
    es: ['Aprehensión de personas', 'Los guardias solo pueden aprehender a una persona para protegerse o proteger a otros de un peligro inmediato, y deben entregarla pronto a las autoridades.'],
    ar: ['القبض على الأشخاص', 'لا يجوز للحراس القبض على شخص إلا لحماية أنفسهم أو غيرهم من خطر وشيك، ويجب تسليمه إلى السلطات بسرعة.'],
  },
  [P.TORTURE_OR_CRUEL_TREATMENT]: {
    en: ['Torture or cruel treatment', 'No one may be tortured, beaten, humiliated or treated cruelly, whatever the situation or the orders given.'],
    fr: ['Torture ou traitements cruels', 'Personne ne doit être torturé, battu, humilié ou traité avec cruauté, quels que soient la situation ou les ordres reçus.'],
    es: ['Tortura o tratos crueles', 'Nadie puede ser torturado, golpeado, humillado ni tratado con crueldad, cualesquiera que sean la situación o las órdenes recibidas.'],
    ar: ['التعذيب أو المعاملة القاسية', 'لا يجوز تعذيب أي شخص أو ضربه أو إذلاله أو معاملته بقسوة، مهما كانت الظروف أو الأوامر.'],
  },
  [P.SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE]: {
    en: ['Sexual abuse or gender-based violence', 'Company personnel must never sexually exploit or abuse anyone, or commit violence against a person because of their gender.'],
    fr: ['Abus sexuels ou violences fondées sur le genre', 'Le personnel de l\'entreprise ne doit jamais exploiter ou abuser sexuellement quiconque, ni commettre de violences en raison du genre d\'une personne.'],
    es: ['Abuso sexual o violencia de género', 'El personal de la empresa nunca debe explotar ni abusar sexualmente de nadie, ni ejercer violencia contra una persona por su género.'],
    ar: ['الاعتداء الجنسي أو العنف القائم على النوع الاجتماعي', 'لا يجوز لموظفي الشركة أبدًا استغلال أي شخص أو الاعتداء عليه جنسيًا أو ممارسة العنف ضده بسبب جنسه.'],
  },
  [P.HUMAN_TRAFFICKING]: {
    en: ['Human trafficking', 'The company must not recruit, move or hold people in order to exploit them, nor work with anyone who does.'],
    fr: ['Traite des êtres humains', 'L\'entreprise ne doit pas recruter, transporter ou retenir des personnes pour les exploiter, ni travailler avec quiconque le fait.'],
    es: ['Trata de personas', 'La empresa no debe reclutar, trasladar ni retener a personas para explotarlas, ni trabajar con quien lo haga.'],
    ar: ['الاتجار بالبشر', 'يجب ألا تجند الشركة الأشخاص أو تنقلهم أو تحتجزهم لاستغلالهم، وألا تتعامل مع من يفعل ذلك.'],
  },
  [P.SLAVERY_AND_FORCED_LABOUR]: {
    en: ['Slavery or forced work', 'No one may be forced to work, kept from leaving, or have their papers or pay held back to make them stay.'],
    fr: ['Esclavage ou travail forcé', 'Personne ne doit être forcé à travailler, empêché de partir, ni privé de ses papiers ou de son salaire pour le retenir.'],
    es: ['Esclavitud o trabajo forzoso', 'Nadie puede ser obligado a trabajar, impedido de irse, ni privado de sus documentos o su salario para retenerlo.'],
    ar: ['العبودية أو العمل القسري', 'لا يجوز إجبار أي شخص على العمل أو منعه من المغادرة أو حجز أوراقه أو أجره لإبقائه.'],
  },
  [P.CHILD_LABOUR]: {
    en: ['Children made to work', 'The company must not use children for dangerous or harmful work, such as guarding, carrying weapons or working at night.'],
    fr: ['Travail des enfants', 'L\'entreprise ne doit pas employer d\'enfants à des travaux dangereux ou nuisibles, comme le gardiennage, le port d\'armes ou le travail de nuit.'],
    es: ['Trabajo infantil', 'La empresa no debe emplear a niños en trabajos peligrosos o dañinos, como la vigilancia, el porte de armas o el trabajo nocturno.'],
    ar: ['عمل الأطفال', 'يجب ألا تستخدم الشركة الأطفال في أعمال خطرة أو ضارة، مثل الحراسة أو حمل الأسلحة أو العمل الليلي.'],
  },
  [P.DISCRIMINATION]: {
    en: ['Unfair treatment (discrimination)', 'No one may be treated worse because of their race, colour, sex, religion, origin, disability or a similar reason.'],
    fr: ['Traitement injuste (discrimination)', 'Personne ne doit être moins bien traité en raison de sa race, sa couleur, son sexe, sa religion, son origine, un handicap ou une raison semblable.'],
    es: ['Trato injusto (discriminación)', 'Nadie puede recibir un trato peor por su raza, color, sexo, religión, origen, discapacidad u otro motivo similar.'],
    ar: ['المعاملة غير العادلة (التمييز)', 'لا يجوز معاملة أي شخص معاملة أسوأ بسبب عرقه أو لونه أو جنسه أو دينه أو أصله أو إعاقته أو لسبب مشابه.'],
  },
  [P.IDENTIFICATION_AND_REGISTERING]: {
    en: ['Guards who cannot be identified', 'Guards must carry identification, and the company\'s staff and vehicles must be recognisable and registered.'],
    fr: ['Agents non identifiables', 'Les agents doivent porter une identification, et le personnel et les véhicules de l\'entreprise doivent être reconnaissables et enregistrés.'],
    es: ['Guardias sin identificación', 'Los guardias deben llevar identificación, y el personal y los vehículos de la empresa deben ser reconocibles y estar registrados.'],
    ar: ['حراس لا يمكن التعرف عليهم', 'يجب أن يحمل الحراس ما يثبت هويتهم، وأن يكون موظفو الشركة ومركباتها معروفين ومسجلين.'],
  },
  [P.INCORPORATION_OF_THE_CODE]: {
    en: ['The Code in company rules', 'The company must make the Code part of its own policies and of its contracts with clients and staff.'],
    fr: ['Le Code dans les règles de l\'entreprise', 'L\'entreprise doit intégrer le Code dans ses propres politiques et dans ses contrats avec ses clients et son personnel.'],
    es: ['El Código en las normas de la empresa', 'La empresa debe incorporar el Código en sus propias políticas y en sus contratos con clientes y personal.'],
    ar: ['إدراج المدونة في قواعد الشركة', 'يجب على الشركة أن تجعل المدونة جزءًا من سياساتها ومن عقودها مع العملاء والموظفين.'],
  },
  [P.SELECTION_AND_VETTING_OF_PERSONNEL]: {
    en: ['Checking staff before hiring', 'The company must check the background of the people it hires, and not hire anyone with a record of serious abuse.'],
    fr: ['Vérification du personnel avant l\'embauche', 'L\'entreprise doit vérifier les antécédents des personnes qu\'elle embauche et n\'engager personne ayant commis des abus graves.'],
    es: ['Verificación del personal antes de contratarlo', 'La empresa debe verificar los antecedentes de las personas que contrata y no contratar a nadie con antecedentes de abusos graves.'],
    ar: ['التحقق من الموظفين قبل التوظيف', 'يجب على الشركة التحقق من خلفية من توظفهم، وعدم توظيف أي شخص له سجل من الانتهاكات الجسيمة.'],
  },
  [P.SELECTION_AND_VETTING_OF_SUBCONTRACTORS]: {
    en: ['Checking subcontractors', 'The company must make sure that the other companies it hires for security work follow the Code too.'],
    fr: ['Vérification des sous-traitants', 'L\'entreprise doit s\'assurer que les autres entreprises qu\'elle engage pour des tâches de sécurité respectent aussi le Code.'],
    es: ['Verificación de los subcontratistas', 'La empresa debe asegurarse de que las otras empresas que contrata para tareas de seguridad también cumplen el Código.'],
    ar: ['التحقق من المتعاقدين من الباطن', 'يجب على الشركة التأكد من أن الشركات الأخرى التي تستعين بها في أعمال الأمن تلتزم بالمدونة أيضًا.'],
  },
  [P.COMPANY_POLICIES_AND_PERSONNEL_CONTRACTS]: {
    en: ['Staff contracts and company policies', 'Staff must have fair written contracts and keep their own identity papers, and company policies must follow the Code.'],
    fr: ['Contrats du personnel et politiques de l\'entreprise', 'Le personnel doit avoir des contrats écrits équitables et garder ses papiers d\'identité, et les politiques de l\'entreprise doivent suivre le Code.'],
    es: ['Contratos del personal y políticas de la empresa', 'El personal debe tener contratos escritos justos y conservar sus documentos de identidad, y las políticas de la empresa deben seguir el Código.'],
    ar: ['عقود الموظفين وسياسات الشركة', 'يجب أن تكون للموظفين عقود مكتوبة عادلة وأن يحتفظوا بأوراق هويتهم، ويجب أن تتبع سياسات الشركة المدونة.'],
  },
  [P.TRAINING_OF_PERSONNEL]: {
    en: ['Training of staff', 'The company must train its staff in the Code, human rights and the law, before and during their work.'],
    fr: ['Formation du personnel', 'L\'entreprise doit former son personnel au Code, aux droits humains et à la loi, avant et pendant son travail.'],
    es: ['Formación del personal', 'La empresa debe formar a su personal en el Código, los derechos humanos y la ley, antes y durante su trabajo.'],
    ar: ['تدريب الموظفين', 'يجب على الشركة تدريب موظفيها على المدونة وحقوق الإنسان والقانون قبل عملهم وأثناءه.'],
  },
  [P.MANAGEMENT_OF_WEAPONS]: {
    en: ['Keeping weapons safe', 'The company must hold permits for its weapons, store and track them safely, and record who uses them.'],
    fr: ['Gestion des armes', 'L\'entreprise doit détenir des permis pour ses armes, les stocker et les suivre en sécurité, et noter qui les utilise.'],
    es: ['Gestión de las armas', 'La empresa debe tener permisos para sus armas, guardarlas y controlarlas con seguridad, y registrar quién las usa.'],
    ar: ['إدارة الأسلحة', 'يجب أن تحمل الشركة تصاريح لأسلحتها وأن تخزنها وتتابعها بأمان وأن تسجل من يستخدمها.'],
  },
  [P.WEAPONS_TRAINING]: {
    en: ['Training to use weapons', 'Guards may carry a weapon only after training on that weapon and on the rules for using force.'],
    fr: ['Formation au maniement des armes', 'Les agents ne peuvent porter une arme qu\'après une formation sur cette arme et sur les règles d\'usage de la force.'],
    es: ['Formación en el uso de armas', 'Los guardias solo pueden portar un arma después de recibir formación sobre esa arma y sobre las reglas del uso de la fuerza.'],
    ar: ['التدريب على استخدام الأسلحة', 'لا يجوز للحراس حمل سلاح إلا بعد التدريب عليه وعلى قواعد استخدام القوة.'],
  },
  [P.MATERIEL_OF_WAR]: {
    en: ['Military equipment', 'The company must not use or trade military equipment, such as explosives or heavy weapons, unless the law allows it.'],
    fr: ['Matériel de guerre', 'L\'entreprise ne doit pas utiliser ni échanger de matériel militaire, comme des explosifs ou des armes lourdes, sauf si la loi le permet.'],
    es: ['Material de guerra', 'La empresa no debe usar ni comerciar equipo militar, como explosivos o armas pesadas, salvo que la ley lo permita.'],
    ar: ['العتاد الحربي', 'يجب ألا تستخدم الشركة العتاد العسكري مثل المتفجرات أو الأسلحة الثقيلة أو تتاجر به إلا إذا سمح القانون بذلك.'],
  },
  [P.INCIDENT_REPORTING]: {
    en: ['Reporting incidents', 'The company must record and report incidents, such as the use of a weapon or an injury, and look into them.'],
    fr: ['Signalement des incidents', 'L\'entreprise doit consigner et signaler les incidents, comme l\'usage d\'une arme ou une blessure, et les examiner.'],
    es: ['Notificación de incidentes', 'La empresa debe registrar y notificar los incidentes, como el uso de un arma o una lesión, e investigarlos.'],
    ar: ['الإبلاغ عن الحوادث', 'يجب على الشركة تسجيل الحوادث مثل استخدام سلاح أو وقوع إصابة والإبلاغ عنها والتحقيق فيها.'],
  },
  [P.SAFE_AND_HEALTHY_WORKING_ENVIRONMENT]: {
    en: ['Safe and healthy work', 'The company must keep its staff safe and healthy at work, with protective equipment, care for injuries and decent conditions.'],
    fr: ['Travail sûr et sain', 'L\'entreprise doit protéger la sécurité et la santé de son personnel au travail, avec un équipement de protection, des soins et des conditions décentes.'],
    es: ['Trabajo seguro y saludable', 'La empresa debe proteger la seguridad y la salud de su personal en el trabajo, con equipo de protección, atención a las lesiones y condiciones dignas.'],
    ar: ['بيئة عمل آمنة وصحية', 'يجب على الشركة الحفاظ على سلامة موظفيها وصحتهم في العمل بتوفير معدات الحماية ورعاية الإصابات وظروف لائقة.'],
  },
  [P.HARASSMENT]: {
    en: ['Harassment at work', 'The company must not allow harassment or abuse of its staff, sexual harassment included, and must act when it happens.'],
    fr: ['Harcèlement au travail', 'L\'entreprise ne doit pas tolérer le harcèlement ou les abus envers son personnel, y compris sexuels, et doit agir quand ils se produisent.'],
    es: ['Acoso en el trabajo', 'La empresa no debe tolerar el acoso ni el abuso de su personal, incluido el acoso sexual, y debe actuar cuando ocurran.'],
    ar: ['التحرش في العمل', 'يجب ألا تسمح الشركة بالتحرش بموظفيها أو الإساءة إليهم، بما في ذلك التحرش الجنسي، وأن تتصرف عند حدوثه.'],
  },
  [P.GRIEVANCE_PROCEDURES]: {
    en: ['The company\'s own complaint process', 'The company must offer anyone a fair and easy way to complain to it, and must deal with complaints properly.'],
    fr: ['Procédure de plainte de l\'entreprise', 'L\'entreprise doit offrir à toute personne un moyen équitable et simple de se plaindre auprès d\'elle, et traiter les plaintes correctement.'],
    es: ['Procedimiento de quejas de la empresa', 'La empresa debe ofrecer a cualquier persona una vía justa y sencilla para presentarle quejas, y tramitarlas debidamente.'],
    ar: ['إجراءات الشكاوى لدى الشركة', 'يجب أن توفر الشركة لأي شخص وسيلة عادلة وسهلة لتقديم الشكاوى إليها، وأن تعالج الشكاوى كما ينبغي.'],
  },
  [P.MEETING_LIABILITIES]: {
    en: ['Paying for harm caused', 'The company must be able to pay compensation for harm it causes, for example through insurance.'],
    fr: ['Réparation des dommages', 'L\'entreprise doit être en mesure d\'indemniser les dommages qu\'elle cause, par exemple grâce à une assurance.'],
    es: ['Reparación de los daños', 'La empresa debe poder pagar una indemnización por los daños que cause, por ejemplo mediante un seguro.'],
    ar: ['التعويض عن الضرر', 'يجب أن تكون الشركة قادرة على دفع تعويض عن الضرر الذي تسببه، مثلًا من خلال التأمين.'],
  },
};
