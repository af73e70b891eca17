import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListAuditRequest, RecordAuditRequest, RequestSubject, type ResponseOf } from '@app/contracts';
import { AuditService } from './audit.service';

@Controller()
export class AuditMessageController {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(RequestSubject.RecordAudit)
  record(@Payload() request: RecordAuditRequest): Promise<ResponseOf<RequestSubject.RecordAudit>> {
    return this.audit.record(request);
  }

  @MessagePattern(RequestSubject.ListAudit)
  list(@Payload() request: ListAuditRequest): Promise<ResponseOf<RequestSubject.ListAudit>> {
    return this.audit.list(request);
  }
}
