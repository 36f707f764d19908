import { runProcess } from '../../services/shared/src';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

runProcess(() => startGateway(loadGatewayConfig()));
