import { ConnectionType } from '../../../shared/src';
import { SurveillanceReport } from './surveillance.entity';

/** GraphQL page of surveillance reports. */
export const SurveillanceReportConnection = ConnectionType(SurveillanceReport, 'SurveillanceReport', 'surveillance reports');
